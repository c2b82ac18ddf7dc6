import type { Core } from '@strapi/strapi';

/**
 * The review queue's admin routes, for the admin panel's session. Each route asks for an
 * administrator; the controller then asks for the content manager's permissions per type (reading
 * the queue needs read permission on a reviewed type and lists only the types the administrator may
 * read; resolving needs update permission on every record the item clears).
 */
export const registerReviewQueueRoutes = (strapi: Core.Strapi): void => {
  const info = { apiName: 'review-queue', type: 'admin' as const };
  const policies = ['admin::isAuthenticatedAdmin'];
  strapi.server.routes({
    type: 'admin',
    prefix: '/review-queue',
    routes: [
      { method: 'GET', path: '/items', info, handler: 'api::review-queue.review-queue.items', config: { policies } },
      { method: 'POST', path: '/items/:id/resolve', info, handler: 'api::review-queue.review-queue.resolve', config: { policies } },
    ],
  });
};
