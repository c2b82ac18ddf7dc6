/** Content codings this server produces, in the order it prefers them when a client likes both equally. */
export const CODINGS = ['br', 'gzip'] as const;

export type Coding = (typeof CODINGS)[number] | 'identity';

/** The q-value a client gave each coding it named in Accept-Encoding (RFC 9110 12.5.3), lower-cased. */
export const parseAcceptEncoding = (header: string | undefined): Map<string, number> => {
  const weights = new Map<string, number>();
  if (header === undefined) return weights;
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim());
    if (name === undefined || name === '') continue;
    let q = 1;
    for (const parameter of parameters) {
      const match = /^q\s*=\s*([0-9.]+)$/i.exec(parameter);
      if (match !== null) q = Math.min(1, Math.max(0, Number(match[1])));
    }
    if (Number.isFinite(q)) weights.set(name.toLowerCase(), q);
  }
  return weights;
};

/**
 * The coding to send: the one the client weighs highest, br before gzip on a tie. A coding the
 * client did not name counts at the weight of `*` when it sent one, else as unacceptable; `q=0`
 * refuses it. Without a usable compressed coding the body goes as it is (identity), which every
 * client accepts in practice, so there is no 406.
 */
export const chooseCoding = (header: string | undefined): Coding => {
  const weights = parseAcceptEncoding(header);
  const star = weights.get('*');
  let best: Coding = 'identity';
  let bestWeight = 0;
  for (const coding of CODINGS) {
    const weight = weights.get(coding) ?? star ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  // Identity is what a client gets when it names no coding we make; it wins over one it names
  // only when the client weighs identity itself higher.
  const identity = weights.get('identity');
  if (identity !== undefined && identity > bestWeight) return 'identity';
  return best;
};
