/** A project's picture in lists: the rendered model, a quiet placeholder while it is drawn, or none. */
export function ProjectThumbnail({ src, title }: { src: string | undefined; title: string }) {
  if (src && src !== 'none') return <img className="thumbnail" src={src} alt={`Model of ${title}`} width={72} height={72} />;
  return (
    <span className={`thumbnail thumbnail-empty${src === undefined ? ' thumbnail-pending' : ''}`} aria-hidden="true">
      ◆
    </span>
  );
}
