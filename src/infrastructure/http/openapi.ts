import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI 3 at /api/docs (UI) and /api/docs-json, generated from the controllers and DTOs. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rongrian API')
      .setDescription(
        'ระบบรับเรื่องร้องเรียน/ร้องทุกข์และแจ้งเบาะแสการทุจริตขององค์กรปกครองส่วนท้องถิ่น — ' +
          'complaints and integrity reports for Thai local government. Officer routes take a Bearer ' +
          'token from POST /api/v1/auth/login. Errors share one body: ' +
          '{ statusCode, code, message, messageTh, details?, requestId }.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
