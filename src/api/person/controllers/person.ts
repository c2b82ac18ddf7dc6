import { factories } from '@strapi/strapi';
import { sanitizeOutputWith } from '../../../http/output-sanitizer';

// Public reads are sanitized in one pass (src/http/output-sanitizer.ts), with the same result as Strapi's sanitizer.
export default factories.createCoreController('api::person.person', sanitizeOutputWith('api::person.person'));
