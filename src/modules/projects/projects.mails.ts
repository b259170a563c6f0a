import { STATUS_WORDS } from './project-status.js';
import type { ProjectStatus } from './projects.tables.js';

const STATUS_SENTENCES: Readonly<Record<ProjectStatus, string>> = {
  received: 'We received your project.',
  in_review: 'Our team is reviewing your files and requirements.',
  quoted: 'Your quote is ready: review it and accept or decline it in the app.',
  in_production: 'Your parts are being made.',
  shipped: 'Your parts have shipped.',
  delivered: 'Your parts were delivered.',
  completed: 'Your project is completed. Thank you!',
  cancelled: 'Your project was cancelled.',
};

/**
 * The texts the projects module sends, both as e-mail and as in-app notifications. They carry the
 * project's title and a link, never file contents.
 */
export const projectsMails = {
  statusChanged: (name: string, title: string, status: ProjectStatus, note: string | null, link: string) => ({
    kind: 'projects.status_changed',
    subject: `Your project "${title}" is ${STATUS_WORDS[status]}`,
    text: `Hello ${name},\n\n${STATUS_SENTENCES[status]}${note ? `\n\nNote from our team: ${note}` : ''}\n\nFollow your project here:\n${link}`,
  }),
  deliveryDateChanged: (name: string, title: string, date: string | null, link: string) => ({
    kind: 'projects.delivery_date_changed',
    subject: date ? `Delivery date for "${title}": ${date}` : `Delivery date for "${title}" withdrawn`,
    text: date
      ? `Hello ${name},\n\nWe now promise delivery of your project "${title}" on ${date}.\n\nFollow your project here:\n${link}`
      : `Hello ${name},\n\nThe delivery date we gave for your project "${title}" no longer holds; we will send a new one as soon as we can.\n\nFollow your project here:\n${link}`,
  }),
  newMessage: (name: string, title: string, link: string) => ({
    kind: 'projects.new_message',
    subject: `New message about "${title}"`,
    text: `Hello ${name},\n\nOur team wrote to you about your project "${title}". Read and answer it here:\n${link}`,
  }),
};

export function projectLink(publicUrl: string, projectId: string): string {
  return `${publicUrl}/projects/${projectId}`;
}
