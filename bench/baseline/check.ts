import { isDeepStrictEqual } from 'node:util';

type Fetched = { status: number; body: unknown };

const get = async (base: string, path: string): Promise<Fetched> => {
  const response = await fetch(new URL(path, base));
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // A body that is not JSON is reported as text: the status check below says what went wrong.
  }
  return { status: response.status, body };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** The first JSON path where two values differ, with both sides; undefined when they are deep-equal. */
export const firstDifference = (expected: unknown, actual: unknown, path = '$'): string | undefined => {
  if (isDeepStrictEqual(expected, actual)) return undefined;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const shared = Math.min(expected.length, actual.length);
    for (let index = 0; index < shared; index += 1) {
      const difference = firstDifference(expected[index], actual[index], `${path}[${index}]`);
      if (difference !== undefined) return difference;
    }
    return `${path}: length ${expected.length} (strapi) vs ${actual.length} (baseline)`;
  }
  if (isRecord(expected) && isRecord(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) {
      const inExpected = Object.prototype.hasOwnProperty.call(expected, key);
      const inActual = Object.prototype.hasOwnProperty.call(actual, key);
      if (inExpected !== inActual) {
        return `${path}.${key}: ${inExpected ? show(expected[key]) : '(missing)'} (strapi) vs ${inActual ? show(actual[key]) : '(missing)'} (baseline)`;
      }
      const difference = firstDifference(expected[key], actual[key], `${path}.${key}`);
      if (difference !== undefined) return difference;
    }
  }
  return `${path}: ${show(expected)} (strapi) vs ${show(actual)} (baseline)`;
};

/**
 * GETs every path from Strapi and from the baseline and throws on the first path whose status is not
 * 200 on both sides or whose JSON bodies are not deep-equal, naming the first differing JSON path.
 */
export const assertSameResponses = async (strapiUrl: string, baselineUrl: string, paths: string[]): Promise<void> => {
  for (const path of paths) {
    const [strapi, baseline] = await Promise.all([get(strapiUrl, path), get(baselineUrl, path)]);
    if (strapi.status !== 200 || baseline.status !== 200) {
      throw new Error(`${path}: status ${strapi.status} (strapi) vs ${baseline.status} (baseline); strapi said ${show(strapi.body)}`);
    }
    const difference = firstDifference(strapi.body, baseline.body);
    if (difference !== undefined) throw new Error(`${path}: bodies differ at ${difference}`);
  }
};
