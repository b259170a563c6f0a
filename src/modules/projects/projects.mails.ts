import { mailTemplate } from '../../platform/mail/index.js';
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
  statusChanged: mailTemplate('projects.status_changed', (name: string, title: string, status: ProjectStatus, note: string | null, link: string) => ({
    subject: `Your project "${title}" is ${STATUS_WORDS[status]}`,
    greeting: `Hello ${name},`,
    blocks: [STATUS_SENTENCES[status], ...(note ? [`Note from our team: ${note}`] : []), { action: 'Follow your project here', url: link }],
  })),
  deliveryDateChanged: mailTemplate('projects.delivery_date_changed', (name: string, title: string, date: string | null, link: string) => ({
    subject: date ? `Delivery date for "${title}": ${date}` : `Delivery date for "${title}" withdrawn`,
    greeting: `Hello ${name},`,
    blocks: [
      date ? `We now promise delivery of your project "${title}" on ${date}.` : `The delivery date we gave for your project "${title}" no longer holds; we will send a new one as soon as we can.`,
      { action: 'Follow your project here', url: link },
    ],
  })),
  newMessage: mailTemplate('projects.new_message', (name: string, title: string, link: string) => ({
    subject: `New message about "${title}"`,
    greeting: `Hello ${name},`,
    blocks: [`Our team wrote to you about your project "${title}".`, { action: 'Read and answer it here', url: link }],
  })),
};

export function projectLink(publicUrl: string, projectId: string): string {
  return `${publicUrl}/projects/${projectId}`;
}
