/**
 * Uploads in S3-compatible object storage (AWS S3, MinIO, Aliyun OSS, …) with
 * @strapi/provider-upload-aws-s3, configured by environment variables. Several instances behind a
 * load balancer cannot keep media on their own disks: each would serve only the files it received.
 * Without UPLOAD_PROVIDER the local provider (public/uploads) stays the default.
 *
 * The option shape is the provider's (5.52.3, dist/index.js): `s3Options` goes to the AWS SDK's
 * S3Client as it is, with `params.Bucket` and `params.ACL` used for every object; `baseUrl` replaces
 * the bucket's own address in stored URLs; `rootPath` prefixes every key.
 */

type Environment = Record<string, string | undefined>;

/** The canned ACLs S3 accepts; a typo would otherwise fail every upload, not the boot. */
const CANNED_ACLS = [
  'private',
  'public-read',
  'public-read-write',
  'authenticated-read',
  'aws-exec-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
] as const;

export type S3CannedAcl = (typeof CANNED_ACLS)[number];

export type S3ProviderOptions = {
  baseUrl?: string;
  rootPath?: string;
  s3Options: {
    region: string;
    endpoint?: string;
    forcePathStyle: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    params: { Bucket: string; ACL: S3CannedAcl | undefined };
  };
};

/** Spread into the upload plugin's config: nothing for the local provider, so its defaults stay. */
export type UploadProviderConfig = { provider?: never } | { provider: 'aws-s3'; providerOptions: S3ProviderOptions };

const PROVIDERS = ['local', 'aws-s3'] as const;

/** A set variable's trimmed value; blank counts as unset, as an empty line in .env means. */
const read = (env: Environment, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const readBool = (env: Environment, name: string, fallback: boolean): boolean => {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, not "${raw}"`);
};

/** An http(s) URL without its trailing slashes: the SDK and the provider join paths onto it. */
const readHttpUrl = (env: Environment, name: string): string | undefined => {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(`${name} must be an http(s) URL such as https://s3.example.org, not "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
};

const s3ProviderOptions = (env: Environment): S3ProviderOptions => {
  const bucket = read(env, 'S3_BUCKET');
  if (bucket === undefined) throw new Error('S3_BUCKET is not set: UPLOAD_PROVIDER=aws-s3 needs the name of the bucket that stores uploads');
  const acl = read(env, 'S3_ACL');
  if (acl !== undefined && !(CANNED_ACLS as readonly string[]).includes(acl)) {
    throw new Error(`S3_ACL must be one of ${CANNED_ACLS.join(', ')}; got "${acl}"`);
  }
  const accessKeyId = read(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = read(env, 'S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    // Half a key pair would silently fall back to the SDK's credential chain, or fail every upload.
    throw new Error(`${accessKeyId === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY'} is not set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (set neither to use the AWS SDK's default credentials)`);
  }
  const endpoint = readHttpUrl(env, 'S3_ENDPOINT');
  const baseUrl = readHttpUrl(env, 'S3_BASE_URL');
  // The provider adds one slash after the prefix; more at either end would put `//` in keys and URLs.
  const rootPath = read(env, 'S3_ROOT_PATH')?.replace(/^\/+|\/+$/g, '');
  return {
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(rootPath === undefined || rootPath === '' ? {} : { rootPath }),
    s3Options: {
      region: read(env, 'S3_REGION') ?? 'us-east-1',
      ...(endpoint === undefined ? {} : { endpoint }),
      forcePathStyle: readBool(env, 'S3_FORCE_PATH_STYLE', false),
      // Without a key pair the SDK's own chain applies (AWS_* variables, an instance or task role).
      ...(accessKeyId === undefined || secretAccessKey === undefined ? {} : { credentials: { accessKeyId, secretAccessKey } }),
      // ACL is always present, undefined when S3_ACL is unset: the provider adds `public-read` when
      // the key is missing, and buckets made since April 2023 refuse any ACL by default.
      params: { Bucket: bucket, ACL: acl as S3CannedAcl | undefined },
    },
  };
};

/** The upload plugin's provider settings from UPLOAD_PROVIDER and the S3_* variables; throws on a misconfiguration. */
export const uploadProviderConfig = (env: Environment): UploadProviderConfig => {
  const provider = read(env, 'UPLOAD_PROVIDER') ?? 'local';
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new Error(`UPLOAD_PROVIDER must be one of ${PROVIDERS.join(', ')}; got "${provider}"`);
  return provider === 'aws-s3' ? { provider: 'aws-s3', providerOptions: s3ProviderOptions(env) } : {};
};

/**
 * The origin the stored files are read from, as the URLs the provider stores name it: `baseUrl`
 * when set; otherwise the address the AWS SDK's uploader reports, which is the endpoint with the
 * bucket in the path (path style) or the bucket as a subdomain of the endpoint's host.
 */
export const s3MediaOrigin = (options: S3ProviderOptions): string => {
  if (options.baseUrl !== undefined) return new URL(options.baseUrl).origin;
  const { endpoint, region, forcePathStyle, params } = options.s3Options;
  const service = new URL(endpoint ?? `https://s3.${region}.amazonaws.com`);
  if (forcePathStyle) return service.origin;
  return `${service.protocol}//${params.Bucket}.${service.host}`;
};

/** The origin the admin panel loads media from when S3 is configured, null with the local provider. */
export const uploadMediaOrigin = (env: Environment): string | null => {
  const config = uploadProviderConfig(env);
  return config.provider === 'aws-s3' ? s3MediaOrigin(config.providerOptions) : null;
};
