import { defaultPopulate, organisationSummary } from '../../../utils/populate';

const list = {
  organisers: organisationSummary,
  amounts: true,
};

const detail = {
  ...list,
  people: { fields: ['name'] },
};

export default defaultPopulate({ list, detail });
