/**
 * Data that flows between the import stages. Every stage is a pure function
 * from one of these types to the next; only `load` touches Strapi.
 *
 *   decode → clean → parse → extract → resolve → plan → load
 */

/** A file as read from disk, before anything is known about its text. */
export type RawPage = {
  /** The path exactly as the user gave it (it is echoed in the report). */
  file: string;
  bytes: Uint8Array;
};

export type SourceFormat = 'text' | 'html';

/** One record's problem: it goes into the report and the run goes on. */
export type PageProblem = {
  file: string;
  /** A single line an editor can act on, e.g. "empty file (0 bytes)". */
  message: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; problem: PageProblem };

export type DecodedPage = {
  file: string;
  format: SourceFormat;
  /** The encoding that was used to decode, e.g. 'utf-8' or 'gb18030'. */
  encoding: string;
  /** The decoded text; for HTML this is still the markup. */
  text: string;
  warnings: string[];
};

/** Metadata only HTML pages carry; all null for text dumps. */
export type PageMeta = {
  htmlTitle: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  description: string | null;
  /** As found, e.g. an article:published_time value. */
  publishedTime: string | null;
};

/** An image of the article's markup, as its tag gives it, and where it stood among the page's lines. */
export type PageImage = {
  /** As written in the page (maybe relative); resolved against the page's URL later. */
  src: string;
  alt: string | null;
  /** The text of the <figcaption> of the <figure> it is in. */
  caption: string | null;
  /** The tag's declared size, when it gives one. */
  width: number | null;
  height: number | null;
  /** The image stands before the first non-blank line at or after this index of `lines`. */
  before: number;
};

export type CleanedPage = {
  file: string;
  format: SourceFormat;
  /** Content lines in page order, trimmed, with boilerplate removed. */
  lines: string[];
  /** Every boilerplate line that was removed, in page order, for the report. */
  removed: string[];
  meta: PageMeta;
  /**
   * The site's owner as named by its boilerplate (主办单位, 版权所有, ©), or null.
   * The parse stage falls back to it when the page prints no 来源.
   */
  siteOwner: string | null;
  /** The images among the article's lines, in page order (none for text dumps). */
  images?: PageImage[];
  warnings: string[];
};

export type BlockType = 'paragraph' | 'subheading' | 'caption';

export type Block = { type: BlockType; text: string };

/**
 * A photo of the story: the image's address as the page gives it and its caption. A photo whose
 * caption is printed under it (a `caption` block, or its <figcaption>) illustrates that block;
 * one without stands before `blocks[block]` (or at the end), captioned by its alt text if any.
 */
export type Photo = { src: string; caption: string; block: number; captioned: boolean; width: number | null };

export type ParsedPage = {
  file: string;
  title: string | null;
  /** YYYY-MM-DD, or null when the page does not give a full date with a year. */
  date: string | null;
  /** The publisher as printed (来源/信息来源, or the site name). */
  source: string | null;
  url: string | null;
  reporter: string | null;
  correspondent: string | null;
  editor: string | null;
  /**
   * The credit and meta lines as printed (来源/作者/责任编辑/审核… above or below the story): not
   * article text, but the people they name are named on the page. Absent when there are none.
   */
  credits?: string[];
  /** The site's owner as its boilerplate names it (主办单位, 版权所有, ©), or null: who 我会 may be. */
  owner?: string | null;
  blocks: Block[];
  /** The story's photos in page order; absent when the page has none. */
  photos?: Photo[];
  warnings: string[];
};

export type OrganisationKind =
  | 'association'
  | 'chamber_of_commerce'
  | 'federation_of_industry_and_commerce'
  | 'company'
  | 'government_body'
  | 'party_organisation'
  | 'hospital'
  | 'university'
  | 'media'
  | 'ngo'
  | 'other';

export type InitiativeKind =
  | 'donation'
  | 'event'
  | 'campaign'
  | 'training'
  | 'publication'
  | 'policy'
  | 'partnership'
  | 'other';

/** Where on the page a fact was read: its sentence as printed and the span's offsets in the page text. */
export type Evidence = { sentence: string; start: number; end: number };

export type Money = {
  /** As printed, e.g. "5100多万元". */
  text: string;
  /** In currency units, e.g. 51000000. */
  value: number;
  /** ISO 4217, e.g. 'CNY', 'USD'. */
  currency: string;
  /** True for 多/余/约/超/近/逾/左右 and similar. */
  approximate: boolean;
  evidence?: Evidence;
};

export type ExtractedPosition = {
  /** As printed, one title per position: 副会长, 董事长, 秘书长. */
  title: string;
  /** Full organisation name, or null when the page gives none. */
  organisation: string | null;
  evidence?: Evidence;
};

export type ExtractedPerson = {
  name: string;
  positions: ExtractedPosition[];
};

export type ExtractedOrganisation = {
  /** The fullest name the document uses. */
  name: string;
  kind: OrganisationKind;
  /** Short forms used in this document that were resolved to `name`. */
  aliases: string[];
  /** The organisation this one belongs to, e.g. a 党支部's 商会, when printed. */
  parent: string | null;
};

export type ExtractedInitiative = {
  name: string;
  kind: InitiativeKind;
  /** Full organisation names. */
  organisers: string[];
  /** Person names. */
  people: string[];
  amounts: Money[];
  evidence?: Evidence;
};

export type ExtractedQuote = {
  /** Person name, or null when the speaker is not a person (e.g. an organisation). */
  speaker: string | null;
  /** The speaker's title as printed in front of the quote, when given. */
  speakerTitle: string | null;
  text: string;
  evidence?: Evidence;
};

export type Extraction = {
  persons: ExtractedPerson[];
  organisations: ExtractedOrganisation[];
  initiatives: ExtractedInitiative[];
  amounts: Money[];
  quotes: ExtractedQuote[];
  /** Extractions the rules were unsure of; they become "needs review" reasons. */
  uncertain: string[];
  warnings: string[];
};
