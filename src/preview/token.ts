import crypto from 'crypto';

/**
 * Short-lived signed preview links. The admin panel asks for a preview URL with the editor's
 * session; the link it gets carries a token that only this server can mint, so a draft can be
 * opened in the preview pane but not by someone who merely guesses its address.
 */
export type PreviewTarget = { documentId: string; locale: string; status: 'draft' | 'published' };

export const PREVIEW_TOKEN_SECONDS = 15 * 60;

const sign = (payload: string, secret: string): string => crypto.createHmac('sha256', secret).update(payload).digest('base64url');

const payloadOf = (target: PreviewTarget, expires: number): string => `${target.documentId}|${target.locale}|${target.status}|${expires}`;

export const createPreviewToken = (target: PreviewTarget, secret: string, now = Date.now()): string => {
  const expires = Math.floor(now / 1000) + PREVIEW_TOKEN_SECONDS;
  return `${expires}.${sign(payloadOf(target, expires), secret)}`;
};

export const verifyPreviewToken = (token: string, target: PreviewTarget, secret: string, now = Date.now()): boolean => {
  const [expiresText, signature] = token.split('.');
  const expires = Number(expiresText);
  if (!Number.isInteger(expires) || signature === undefined || expires < Math.floor(now / 1000)) return false;
  const expected = Buffer.from(sign(payloadOf(target, expires), secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
};
