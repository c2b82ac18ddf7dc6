import { allowedOrigin, allowsCredentials, corsRouteOf, type CorsPolicy } from '../../src/middlewares/cors-policy';
import { classifyRequest } from '../../src/middlewares/rate-limit';
import { hasMarkup, judgeUpload, SNIFF_WINDOW } from '../../src/middlewares/upload-safety';
import { isInline } from '../../src/middlewares/uploads-headers';
import { toClientError } from '../../src/middlewares/multipart';
import { singleValues } from '../../src/preview/route';

const POLICY: CorsPolicy = { publicOrigins: ['https://site.example'], credentialOrigins: ['https://desk.example'] };
const ALLOWED = ['image/png', 'image/jpeg', 'application/pdf', 'application/msword'];

describe('CORS policy', () => {
  test('classifies the public read API, GraphQL and everything else', () => {
    expect(corsRouteOf('/api/news-articles')).toBe('public-read');
    expect(corsRouteOf('/uploads/photo.png')).toBe('public-read');
    expect(corsRouteOf('/graphql')).toBe('graphql');
    expect(corsRouteOf('/api/auth/local')).toBe('private');
    expect(corsRouteOf('/api/upload')).toBe('private');
    expect(corsRouteOf('/api/newsroom-import/run')).toBe('private');
    expect(corsRouteOf('/admin/login')).toBe('private');
    expect(corsRouteOf('/preview/news-articles/x')).toBe('private');
  });

  test('a listed origin reads the public API; an unlisted one gets nothing', () => {
    const read = { method: 'GET', preflightMethod: '', path: '/api/news-articles' };
    expect(allowedOrigin(POLICY, { ...read, origin: 'https://site.example' })).toBe('https://site.example');
    expect(allowedOrigin(POLICY, { ...read, origin: 'https://evil.example' })).toBe('');
    expect(allowedOrigin({ ...POLICY, publicOrigins: ['*'] }, { ...read, origin: 'https://any.example' })).toBe('https://any.example');
  });

  test('a preflight for a method the route does not serve is refused', () => {
    expect(allowedOrigin(POLICY, { origin: 'https://site.example', method: 'OPTIONS', preflightMethod: 'DELETE', path: '/api/news-articles/x' })).toBe('');
    expect(allowedOrigin(POLICY, { origin: 'https://site.example', method: 'OPTIONS', preflightMethod: 'POST', path: '/graphql' })).toBe('https://site.example');
  });

  test('credentials only for a listed origin on a private route, never on the public API', () => {
    expect(allowsCredentials(POLICY, { origin: 'https://desk.example', path: '/admin/login' })).toBe(true);
    expect(allowsCredentials(POLICY, { origin: 'https://desk.example', path: '/api/news-articles' })).toBe(false);
    expect(allowsCredentials(POLICY, { origin: 'https://site.example', path: '/admin/login' })).toBe(false);
    expect(allowedOrigin({ ...POLICY, credentialOrigins: [] }, { origin: 'https://site.example', method: 'POST', preflightMethod: '', path: '/admin/login' })).toBe('');
  });
});

describe('rate-limit classes', () => {
  test.each([
    ['POST', '/admin/login', 'login'],
    ['POST', '/admin/login/', 'login'],
    ['POST', '/api/auth/local', 'login'],
    ['POST', '/admin/forgot-password', 'passwordReset'],
    ['POST', '/api/auth/reset-password', 'passwordReset'],
    ['GET', '/api/news-articles', 'publicApi'],
    ['POST', '/graphql', 'publicApi'],
    ['GET', '/graphql', 'publicApi'],
    ['OPTIONS', '/graphql', 'none'],
    ['GET', '/admin/users/me', 'none'],
    ['GET', '/uploads/photo.png', 'none'],
  ])('%s %s is %s', (method, path, expected) => {
    expect(classifyRequest(method, path)).toBe(expected);
  });
});

describe('upload content checks', () => {
  test('content that matches no signature is refused, whatever its name', () => {
    expect(judgeUpload(undefined, 'photo.png', ALLOWED).ok).toBe(false);
  });

  test('a sniffed type outside the list is refused', () => {
    expect(judgeUpload('application/xml', 'drawing.svg', ALLOWED).ok).toBe(false);
    expect(judgeUpload('image/webp', 'photo.webp', ALLOWED).ok).toBe(false);
  });

  test('an OLE2 container is an old Office document only under an Office name', () => {
    expect(judgeUpload('application/x-cfb', 'minutes.doc', ALLOWED)).toEqual({ ok: true, mime: 'application/msword' });
    expect(judgeUpload('application/x-cfb', 'setup.msi', ALLOWED).ok).toBe(false);
  });

  test('the sniffed type wins over the name', () => {
    expect(judgeUpload('image/jpeg', 'photo.png', ALLOWED)).toEqual({ ok: true, mime: 'image/jpeg' });
  });

  test('markup in the sniffed head, or a script tag anywhere, is found', () => {
    const image = Buffer.alloc(SNIFF_WINDOW * 4, 0x41);
    expect(hasMarkup(image)).toBe(false);
    expect(hasMarkup(Buffer.concat([Buffer.from('GIF89a<HTML>'), image]))).toBe(true);
    expect(hasMarkup(Buffer.concat([image, Buffer.from('<html>')]))).toBe(false);
    expect(hasMarkup(Buffer.concat([image, Buffer.from('<ScRiPt>')]))).toBe(true);
  });

  test('only raster images are served inline', () => {
    expect(isInline('image/png')).toBe(true);
    expect(isInline('image/jpeg; charset=binary')).toBe(true);
    expect(isInline('image/svg+xml')).toBe(false);
    expect(isInline('text/html; charset=utf-8')).toBe(false);
    expect(isInline('application/pdf')).toBe(false);
  });
});

describe('multipart errors', () => {
  test('formidable’s limits are 413, its parse errors 400, system errors stay 500', () => {
    expect(toClientError(Object.assign(new Error('options.maxFileSize exceeded'), { httpCode: 413 })).name).toBe('PayloadTooLargeError');
    expect(toClientError(Object.assign(new Error('stream ended unexpectedly'), { httpCode: 400, code: 1012 })).name).toBe('ValidationError');
    expect(toClientError(new Error('MultipartParser.write: bad boundary')).name).toBe('ValidationError');
    const disk = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    expect(toClientError(disk)).toBe(disk);
  });
});

describe('preview query', () => {
  test('single values pass; a repeated or nested parameter does not', () => {
    expect(singleValues({ token: 'a', locale: 'zh-Hans' })).toEqual({ token: 'a', locale: 'zh-Hans' });
    expect(singleValues({ token: ['a', 'b'] })).toBeUndefined();
    expect(singleValues({ token: { a: 'b' } })).toBeUndefined();
  });
});
