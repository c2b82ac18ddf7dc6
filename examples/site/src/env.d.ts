/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by a page that may be cached: the records and lists it shows (see src/lib/page-cache.ts). */
    cacheTags?: string[];
  }
}
