import { winston, formats } from '@strapi/logger';

// STRAPI_LOG_LEVEL quietens the server in tests and benchmarks without touching code.
const level = process.env.STRAPI_LOG_LEVEL ?? 'http';

// Commands whose stdout is data (`npm run import -- --json`) send every log line to stderr.
const ALL_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];
const stderrLevels = process.env.STRAPI_LOG_TO_STDERR === 'true' ? ALL_LEVELS : [];

export default {
  transports: [
    new winston.transports.Console({
      level,
      stderrLevels,
      format: winston.format.combine(formats.levelFilter(level), formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' })),
    }),
  ],
};
