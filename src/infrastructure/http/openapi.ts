import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from '../../common/errors/api-errors';
import { completeContract, OFFICER_SCHEME, REPORTER_SCHEME } from './openapi-contract';
import { documentValidationRules } from './openapi-validation-rules';

/**
 * The server the committed document (openapi.json) names: the one that serves it. The live document
 * (/api/docs-json) names PUBLIC_BASE_URL instead.
 */
export const DEFAULT_SERVER_URL = '/';

/**
 * The OpenAPI document of the application: generated from the controllers and DTOs, then completed
 * by openapi-contract.ts. The same function serves /api/docs-json and writes openapi.json
 * (`npm run openapi:write`), so the two cannot differ but for the server URL.
 */
export function buildOpenApiDocument(app: INestApplication, serverUrl = DEFAULT_SERVER_URL): OpenAPIObject {
  documentValidationRules();
  const config = new DocumentBuilder()
    .setTitle('Rongrian API')
    .setDescription(
      'ระบบรับเรื่องร้องเรียน/ร้องทุกข์และแจ้งเบาะแสการทุจริตขององค์กรปกครองส่วนท้องถิ่น — ' +
        'complaints and integrity reports for Thai local government. Officer routes take a Bearer ' +
        'token from POST /api/v1/auth/login; the reporter routes a session token from POST ' +
        '/api/v1/orgs/{orgSlug}/integrity-reports/session. Errors share one body (ErrorBody): ' +
        '{ statusCode, code, message, messageTh, details?, requestId }. A known path called with a ' +
        'method it does not take answers 405 METHOD_NOT_ALLOWED with an Allow header.',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer(serverUrl)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Officers: accessToken from /auth/login',
      },
      OFFICER_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: "A reporter's session: token from POST /orgs/{orgSlug}/integrity-reports/session",
      },
      REPORTER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
  return completeContract(document);
}

/** OpenAPI 3 at /api/docs (UI) and /api/docs-json, /api/docs-yaml. */
export function setupOpenApi(app: INestApplication, serverUrl: string): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app, serverUrl), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
