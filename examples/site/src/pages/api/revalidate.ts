import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIRoute } from 'astro';
import { purgePages, tagsForWebhook } from '../../lib/page-cache';

export const prerender = false;

const json = (status: number, body: Record<string, unknown>): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

/**
 * Strapi's webhook target: `POST /api/revalidate` with the header `X-Revalidate-Secret` set to
 * REVALIDATE_SECRET. Drops the cached pages that show the changed record or list its type.
 * Without REVALIDATE_SECRET the endpoint refuses everything rather than let anyone purge the cache.
 */
export const POST: APIRoute = async ({ request }) => {
  const secret = process.env.REVALIDATE_SECRET ?? '';
  if (secret === '') return json(503, { error: 'REVALIDATE_SECRET is not set on the site' });
  if (!sameSecret(request.headers.get('x-revalidate-secret') ?? '', secret)) return json(401, { error: 'wrong or missing X-Revalidate-Secret' });
  let payload: unknown = null;
  try {
    payload = await request.json();
  } catch {
    // A body that is not JSON names nothing; everything is purged below.
  }
  const tags = tagsForWebhook(payload);
  const purged = purgePages(tags);
  return json(200, { purged, tags: tags ?? 'all' });
};
