import { defaultPopulate, personWithPositions } from '../../../utils/populate';

const list = {
  photo: true,
  positions: personWithPositions.populate.positions,
};

const detail = {
  ...list,
  initiatives: { fields: ['name', 'kind', 'startDate'] },
};

export default defaultPopulate({ list, detail });
