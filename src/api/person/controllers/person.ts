import { factories } from '@strapi/strapi';
import { readControllerOf } from '../../../http/read-controller';

// Public reads: the output sanitized in one pass, the query prepared once per value (src/http/read-controller.ts).
export default factories.createCoreController('api::person.person', readControllerOf('api::person.person'));
