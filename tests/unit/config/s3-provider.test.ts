import { Readable } from 'stream';
import awsS3Provider from '@strapi/provider-upload-aws-s3';
import { s3MediaOrigin, uploadMediaOrigin, uploadProviderConfig, type S3ProviderOptions } from '../../../src/media/s3-provider';

const S3 = { UPLOAD_PROVIDER: 'aws-s3', S3_BUCKET: 'newsroom-media' };

const optionsFor = (env: Record<string, string>): S3ProviderOptions => {
  const config = uploadProviderConfig(env);
  if (config.provider !== 'aws-s3') throw new Error('expected the S3 provider');
  return config.providerOptions;
};

describe('uploadProviderConfig', () => {
  test('without UPLOAD_PROVIDER the upload plugin keeps its local provider, S3 variables or not', () => {
    expect(uploadProviderConfig({})).toEqual({});
    expect(uploadProviderConfig({ UPLOAD_PROVIDER: 'local', S3_BUCKET: 'newsroom-media' })).toEqual({});
    expect(uploadProviderConfig({ UPLOAD_PROVIDER: '  ' })).toEqual({});
  });

  test('an unknown provider is refused at boot, naming the ones offered', () => {
    expect(() => uploadProviderConfig({ UPLOAD_PROVIDER: 's3' })).toThrow('UPLOAD_PROVIDER must be one of local, aws-s3; got "s3"');
  });

  test('S3 without a bucket is refused at boot, naming the missing variable', () => {
    expect(() => uploadProviderConfig({ UPLOAD_PROVIDER: 'aws-s3' })).toThrow(/^S3_BUCKET is not set/);
    expect(() => uploadProviderConfig({ UPLOAD_PROVIDER: 'aws-s3', S3_BUCKET: ' ' })).toThrow(/^S3_BUCKET is not set/);
  });

  test('the bucket alone gives AWS in us-east-1, virtual-hosted, with the SDK\'s own credentials and no ACL sent', () => {
    const options = optionsFor(S3);
    expect(options).toEqual({ s3Options: { region: 'us-east-1', forcePathStyle: false, params: { Bucket: 'newsroom-media', ACL: undefined } } });
    // The provider adds `public-read` unless the key is there: it must be present, and undefined.
    expect('ACL' in options.s3Options.params).toBe(true);
    expect(options.s3Options).not.toHaveProperty('credentials');
    expect(options).not.toHaveProperty('baseUrl');
    expect(options).not.toHaveProperty('rootPath');
  });

  test('every S3 variable lands where the provider reads it', () => {
    expect(
      optionsFor({
        ...S3,
        S3_REGION: 'cn-hangzhou',
        S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com/',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'AKID',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_BASE_URL: 'https://media.example.org/',
        S3_ROOT_PATH: '/newsroom/uploads/',
        S3_ACL: 'public-read',
      }),
    ).toEqual({
      baseUrl: 'https://media.example.org',
      rootPath: 'newsroom/uploads',
      s3Options: {
        region: 'cn-hangzhou',
        endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
        params: { Bucket: 'newsroom-media', ACL: 'public-read' },
      },
    });
  });

  test('S3_FORCE_PATH_STYLE reads as a boolean and refuses anything else', () => {
    expect(optionsFor({ ...S3, S3_FORCE_PATH_STYLE: 'false' }).s3Options.forcePathStyle).toBe(false);
    expect(optionsFor({ ...S3, S3_FORCE_PATH_STYLE: '1' }).s3Options.forcePathStyle).toBe(true);
    expect(() => optionsFor({ ...S3, S3_FORCE_PATH_STYLE: 'path' })).toThrow('S3_FORCE_PATH_STYLE must be true or false, not "path"');
  });

  test('half a key pair is refused, naming the half that is missing', () => {
    expect(() => optionsFor({ ...S3, S3_ACCESS_KEY_ID: 'AKID' })).toThrow(/^S3_SECRET_ACCESS_KEY is not set/);
    expect(() => optionsFor({ ...S3, S3_SECRET_ACCESS_KEY: 'secret' })).toThrow(/^S3_ACCESS_KEY_ID is not set/);
  });

  test('an ACL S3 does not know is refused at boot rather than on every upload', () => {
    expect(() => optionsFor({ ...S3, S3_ACL: 'public' })).toThrow('S3_ACL must be one of private, public-read,');
    expect(optionsFor({ ...S3, S3_ACL: 'private' }).s3Options.params.ACL).toBe('private');
  });

  test('an endpoint or base URL that is not an http(s) URL is refused', () => {
    expect(() => optionsFor({ ...S3, S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT must be an http(s) URL');
    expect(() => optionsFor({ ...S3, S3_ENDPOINT: 'oss-cn-hangzhou.aliyuncs.com' })).toThrow('S3_ENDPOINT must be an http(s) URL');
    expect(() => optionsFor({ ...S3, S3_BASE_URL: 'ftp://media.example.org' })).toThrow('S3_BASE_URL must be an http(s) URL');
  });
});

describe('the origin media are read from', () => {
  test('with the local provider there is none to allow', () => {
    expect(uploadMediaOrigin({})).toBeNull();
  });

  test('AWS: the bucket\'s regional virtual-hosted address, or the regional endpoint in path style', () => {
    expect(uploadMediaOrigin(S3)).toBe('https://newsroom-media.s3.us-east-1.amazonaws.com');
    expect(uploadMediaOrigin({ ...S3, S3_REGION: 'ap-east-1' })).toBe('https://newsroom-media.s3.ap-east-1.amazonaws.com');
    expect(uploadMediaOrigin({ ...S3, S3_FORCE_PATH_STYLE: 'true' })).toBe('https://s3.us-east-1.amazonaws.com');
  });

  test('a custom endpoint: its origin in path style (MinIO, s3rver), the bucket as its subdomain otherwise (OSS)', () => {
    expect(uploadMediaOrigin({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_FORCE_PATH_STYLE: 'true' })).toBe('http://127.0.0.1:9000');
    expect(uploadMediaOrigin({ ...S3, S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com' })).toBe('https://newsroom-media.oss-cn-hangzhou.aliyuncs.com');
    expect(uploadMediaOrigin({ ...S3, S3_ENDPOINT: 'https://minio.example.org:9000' })).toBe('https://newsroom-media.minio.example.org:9000');
  });

  test('a base URL (a CDN) wins over the bucket\'s own address', () => {
    expect(s3MediaOrigin(optionsFor({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BASE_URL: 'https://cdn.example.org/newsroom/' }))).toBe('https://cdn.example.org');
  });
});

type SentRequest = { method: string; hostname: string; port?: number; path: string; headers: Record<string, string> };

/**
 * The provider itself, given these options, storing one file through an AWS SDK that never reaches
 * the network: what it would send, and the URL it stores.
 */
const storeWithProvider = async (env: Record<string, string>): Promise<{ sent: SentRequest; url: string }> => {
  const options = optionsFor(env);
  let sent: SentRequest | undefined;
  const requestHandler = {
    handle: async (request: SentRequest) => {
      sent = request;
      return { response: { statusCode: 200, headers: { etag: '"0"' }, body: Readable.from([]) } };
    },
  };
  const provider = awsS3Provider.init({ ...options, s3Options: { ...options.s3Options, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler } } as unknown as Parameters<typeof awsS3Provider.init>[0]);
  const file = { name: 'harbour.png', hash: 'harbour_1a2b3c', ext: '.png', mime: 'image/png', size: 0.01, sizeInBytes: 10, url: '', buffer: Buffer.from('0123456789') };
  await provider.upload(file);
  if (sent === undefined) throw new Error('the provider sent nothing');
  return { sent, url: file.url };
};

describe('the options as the provider (5.52.3) uses them', () => {
  test.each([
    ['AWS', {}],
    ['AWS in path style', { S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'eu-west-1' }],
    ['MinIO or s3rver', { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true' }],
    ['Aliyun OSS', { S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com', S3_REGION: 'oss-cn-hangzhou' }],
    ['a CDN in front', { S3_BASE_URL: 'https://cdn.example.org/media' }],
  ])('%s: the stored URL is on the origin the admin\'s CSP allows', async (_name, variables) => {
    const env = { ...S3, ...variables };
    const { url } = await storeWithProvider(env);
    expect(url).toMatch(/harbour_1a2b3c\.png$/);
    expect(new URL(url).origin).toBe(uploadMediaOrigin(env));
  });

  test('the key carries S3_ROOT_PATH, once', async () => {
    const { sent, url } = await storeWithProvider({ ...S3, S3_ROOT_PATH: '/newsroom/', S3_BASE_URL: 'https://cdn.example.org' });
    expect(url).toBe('https://cdn.example.org/newsroom/harbour_1a2b3c.png');
    expect(sent.path).toMatch(/\/newsroom\/harbour_1a2b3c\.png$/);
  });

  test('no ACL is sent unless S3_ACL names one', async () => {
    expect((await storeWithProvider(S3)).sent.headers).not.toHaveProperty('x-amz-acl');
    expect((await storeWithProvider({ ...S3, S3_ACL: 'public-read' })).sent.headers).toHaveProperty('x-amz-acl', 'public-read');
  });
});
