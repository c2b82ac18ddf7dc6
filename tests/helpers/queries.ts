/**
 * The heaviest article selection a real page makes over GraphQL: relations, components, media and the
 * rich text body. The N+1 check counts its statements; the hostile-query suite checks it stays allowed.
 */
export const ARTICLE_SELECTION = `
  documentId title slug publicationDate
  cover { url }
  source { publisherName publisher { name kind } }
  amounts { value currency approximate }
  quotes { text speaker { name } }
  mentionedOrganisations { name kind parent { name } }
  mentionedPersons { name positions { title organisation { name } } }
  mentionedInitiatives { name kind organisers { name } }
  body
`;
