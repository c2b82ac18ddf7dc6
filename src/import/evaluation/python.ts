/**
 * The few Python behaviours the reference scorer (data/eval/corpus/score.py) relies on, so that the
 * TypeScript port gives the very same figures and text: truthiness, str(), float(), round(x, n) and
 * printf-style '%.nf' / '%-ns'.
 */

/** Python's truth value of a JSON value: '', 0, null, [] and {} are false. */
export const pyTruthy = (value: unknown): boolean => {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
};

/** Python's `x or y`: x when it is true, else y. */
export const pyOr = <T, U>(x: T, y: U): T | U => (pyTruthy(x) ? x : y);

/** str() of a JSON scalar as Python prints it (True/False, None); strings unchanged. */
export const pyStr = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
};

/**
 * float() of a JSON value: numbers, decimal strings and booleans. What Python refuses (null, a list)
 * is NaN here, which matches nothing, where score.py would stop with an error.
 */
export const pyFloat = (value: unknown): number => {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
  return Number.NaN;
};

/**
 * Whether x lies exactly half-way between two multiples of 10^-digits. x·10^d = n + ½ holds for a
 * binary fraction only when x = odd / 2^(d+1), and multiplying by a power of two is exact.
 */
const isHalfway = (x: number, digits: number): boolean => {
  const scaled = x * 2 ** (digits + 1);
  return Number.isInteger(scaled) && Math.abs(scaled % 2) === 1;
};

/** The decimal digits of round-half-even(|x|·10^d) as a string, for a tie only. */
const evenOfTie = (magnitude: number, digits: number): bigint => {
  // A tie is odd / 2^(d+1), so the scaled value is (odd · 5^d) / 2: exact in bigint arithmetic.
  const odd = BigInt(magnitude * 2 ** (digits + 1));
  const twice = odd * 5n ** BigInt(digits);
  const lower = twice / 2n;
  return lower % 2n === 0n ? lower : lower + 1n;
};

const withPoint = (scaled: bigint, digits: number): string => {
  if (digits === 0) return scaled.toString();
  const text = scaled.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

/**
 * Python's '%.{digits}f': the exact binary value rounded half to even. toFixed rounds the exact
 * value too, but sends ties up, and it writes -0 without its sign.
 */
export const pyFixed = (x: number, digits: number): string => {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const magnitude = Math.abs(x);
  let text: string;
  if (magnitude >= 1e21) text = BigInt(magnitude).toString() + (digits > 0 ? `.${'0'.repeat(digits)}` : '');
  else if (isHalfway(magnitude, digits)) text = withPoint(evenOfTie(magnitude, digits), digits);
  else text = magnitude.toFixed(digits);
  return negative ? `-${text}` : text;
};

/** Python's round(x, digits) for a float: the correctly rounded decimal, read back as a float. */
export const pyRound = (x: number, digits: number): number => {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  return Number(pyFixed(x, digits));
};

/** Length in code points, as Python's len() counts a str. */
export const codePoints = (text: string): number => {
  let count = 0;
  for (const _char of text) count += 1;
  return count;
};

/** Python's '%-{width}s': padded with spaces on the right to width code points. */
export const pyPadEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - codePoints(text)));
