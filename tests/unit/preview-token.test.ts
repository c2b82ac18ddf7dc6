import { createPreviewToken, PREVIEW_TOKEN_SECONDS, verifyPreviewToken } from '../../src/preview/token';

const target = { documentId: 'doc1', locale: 'zh-Hans', status: 'draft' as const };

describe('preview tokens', () => {
  test('a token opens the preview it was made for', () => {
    expect(verifyPreviewToken(createPreviewToken(target, 'secret'), target, 'secret')).toBe(true);
  });

  test('a token does not open another document, locale or status', () => {
    const token = createPreviewToken(target, 'secret');
    expect(verifyPreviewToken(token, { ...target, documentId: 'doc2' }, 'secret')).toBe(false);
    expect(verifyPreviewToken(token, { ...target, locale: 'en' }, 'secret')).toBe(false);
    expect(verifyPreviewToken(token, { ...target, status: 'published' }, 'secret')).toBe(false);
  });

  test('a token made with another secret or a forged signature is refused', () => {
    expect(verifyPreviewToken(createPreviewToken(target, 'other'), target, 'secret')).toBe(false);
    expect(verifyPreviewToken('9999999999.forged', target, 'secret')).toBe(false);
    expect(verifyPreviewToken('garbage', target, 'secret')).toBe(false);
  });

  test('a token expires', () => {
    const now = Date.now();
    const token = createPreviewToken(target, 'secret', now);
    expect(verifyPreviewToken(token, target, 'secret', now + (PREVIEW_TOKEN_SECONDS - 5) * 1000)).toBe(true);
    expect(verifyPreviewToken(token, target, 'secret', now + (PREVIEW_TOKEN_SECONDS + 5) * 1000)).toBe(false);
  });
});
