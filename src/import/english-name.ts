import { pinyin } from 'pinyin-pro';
import { surnameAt } from './extraction/surnames';

/**
 * A Chinese person's name in Hanyu Pinyin as English text prints it (GB/T 28039): surname first,
 * then the given name written as one word, each capitalised, without tones: 韩知远 → Han Zhiyuan,
 * 欧阳立新 → Ouyang Lixin. Surnames are read as surnames (单 is Shan, 曾 is Zeng). A syllable that
 * starts with a, o or e inside a word takes an apostrophe (Xi'an), as the orthography asks.
 *
 * Only names of two to four Han characters are romanised: a name with a middle dot or Latin letters
 * is a transliteration or already English, and pinyin of it would be wrong.
 */

const HAN_NAME = /^\p{Script=Han}{2,4}$/u;

const capitalise = (word: string): string => (word === '' ? word : `${word[0].toUpperCase()}${word.slice(1)}`);

const joinSyllables = (syllables: string[]): string =>
  syllables.map((syllable, index) => (index > 0 && /^[aoe]/u.test(syllable) ? `'${syllable}` : syllable)).join('');

const syllablesOf = (text: string, mode: 'surname' | 'normal'): string[] | null => {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', mode }).map((syllable) => syllable.toLowerCase());
  return syllables.length === [...text].length && syllables.every((syllable) => /^[a-zü]+$/u.test(syllable)) ? syllables : null;
};

export const englishName = (name: string): string | null => {
  const trimmed = name.trim();
  if (!HAN_NAME.test(trimmed)) return null;
  // An unknown first character is still the surname: nearly every Chinese surname is one character.
  const surnameLength = Math.max(1, surnameAt(trimmed, 0));
  if (surnameLength >= trimmed.length) return null;
  // Surname readings are for the surname only: 乐 is Yue as a surname and le in 乐天.
  const surname = syllablesOf(trimmed.slice(0, surnameLength), 'surname');
  const given = syllablesOf(trimmed.slice(surnameLength), 'normal');
  if (surname === null || given === null) return null;
  return `${capitalise(joinSyllables(surname))} ${capitalise(joinSyllables(given))}`;
};
