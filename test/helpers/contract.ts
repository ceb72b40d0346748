import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/* eslint-disable @typescript-eslint/no-explicit-any -- reads arbitrary OpenAPI JSON */

interface Operation {
  template: string;
  pattern: RegExp;
  literalSegments: number;
  methods: Record<string, any>;
}

export interface ObservedResponse {
  method: string;
  url: string;
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Checks live responses against the application's own OpenAPI document: the status must be
 * documented for the operation, the content type must be one it declares, and a JSON body must
 * validate against the declared schema (OAS 3.0 `nullable` included). Requests to paths the
 * document does not describe (web pages, /metrics, /api/docs) are not checked.
 */
export class ContractValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[];
  private readonly compiled = new Map<object, ValidateFunction>();

  constructor(document: any) {
    // Component references become references into one registered schema.
    const doc = JSON.parse(
      JSON.stringify(document).replaceAll('"#/components/schemas/', '"contract#/definitions/'),
    ) as any;
    this.ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    this.ajv.addSchema({ $id: 'contract', definitions: doc.components?.schemas ?? {} });
    this.operations = Object.entries<any>(doc.paths)
      .map(([template, item]) => {
        const segments = template.split('/');
        return {
          template,
          pattern: new RegExp(
            `^${segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`,
          ),
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          methods: Object.fromEntries(METHODS.filter((m) => item[m]).map((m) => [m, item[m]])),
        };
      })
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The problems of one response; empty when it keeps the contract. */
  problems(r: ObservedResponse): string[] {
    const path = r.url.split('?')[0];
    const method = r.method.toLowerCase();
    const operation = this.operations.find((o) => o.pattern.test(path) && o.methods[method]);
    if (!operation) return [];
    const where = `${r.method} ${operation.template} → ${r.statusCode}`;
    const responses = operation.methods[method].responses ?? {};
    const declared = responses[String(r.statusCode)] ?? responses.default;
    if (!declared) return [`${where}: status not in the OpenAPI document (body: ${r.body.slice(0, 300)})`];
    const content: Record<string, any> | undefined = declared.content;
    if (!content) {
      return r.body.length === 0
        ? []
        : [`${where}: the document declares no body, got ${r.body.slice(0, 100)}`];
    }
    const type = String(r.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const media = content[type];
    if (!media) return [`${where}: content type "${type}" not among ${Object.keys(content).join(', ')}`];
    if (type !== 'application/json' || !media.schema) return [];
    const validate = this.validator(media.schema);
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return [`${where}: body is not JSON`];
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message ?? ''}`);
  }

  private validator(schema: object): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}
