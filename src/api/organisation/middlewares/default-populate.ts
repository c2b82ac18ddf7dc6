import { defaultPopulate, organisationSummary, personWithPositions } from '../../../utils/populate';

const list = {
  logo: true,
  parent: organisationSummary,
};

const detail = {
  ...list,
  children: organisationSummary,
  people: personWithPositions,
  organisedInitiatives: { fields: ['name', 'kind', 'startDate'] },
};

export default defaultPopulate({ list, detail });
