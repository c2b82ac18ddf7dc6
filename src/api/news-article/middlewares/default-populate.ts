import { defaultPopulate, organisationSummary, personWithPositions } from '../../../utils/populate';

const list = {
  cover: true,
  source: { populate: { publisher: organisationSummary } },
  amounts: true,
  quotes: { populate: { speaker: { fields: ['name'] } } },
  mentionedOrganisations: organisationSummary,
  mentionedPersons: personWithPositions,
  mentionedInitiatives: { fields: ['name', 'kind'] },
};

const detail = {
  ...list,
  body: {
    on: {
      'body.paragraph': true,
      'body.subheading': true,
      'body.photo': { populate: { image: true } },
    },
  },
  seo: { populate: { shareImage: true } },
};

// A frontend opens an article by its slug, so `filters[slug][$eq]` gets the detail populate.
export default defaultPopulate({ list, detail, detailKey: 'slug' });
