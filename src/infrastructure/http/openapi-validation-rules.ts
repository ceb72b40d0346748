import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** Where @ApiProperty() keeps a property's schema (@nestjs/swagger's DECORATORS.API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

type Rules = Record<string, unknown>;

/**
 * The OpenAPI keywords a class-validator rule implies. The validation rules stay the one source of
 * truth: a limit written once in a DTO reaches the document (and the generated client) by itself.
 */
export function rulesOf(
  m: Pick<ValidationMetadata, 'name' | 'constraints' | 'each'>,
  isString: boolean,
): Rules {
  if (m.each) return {};
  const c = m.constraints ?? [];
  switch (m.name) {
    case 'isNotEmpty':
      // the DTOs trim first, so "not empty" means "has a visible character"
      return isString ? { minLength: 1, pattern: '\\S' } : {};
    case 'minLength':
      return { minLength: c[0] };
    case 'maxLength':
      return { maxLength: c[0] };
    case 'length':
      return { minLength: c[0], ...(c[1] === undefined ? {} : { maxLength: c[1] }) };
    case 'matches':
      return c[0] instanceof RegExp ? { pattern: c[0].source } : { pattern: String(c[0]) };
    case 'min':
      return { minimum: c[0] };
    case 'max':
      return { maximum: c[0] };
    case 'isInt':
      return { type: 'integer' };
    case 'isUUID':
      return { format: 'uuid' };
    case 'isEmail':
      return { format: 'email' };
    case 'isIn':
      return { enum: [...(c[0] as unknown[])] };
    case 'isEnum':
      return { enum: [...(c[1] as unknown[])] };
    case 'arrayMinSize':
      return { minItems: c[0] };
    case 'arrayMaxSize':
      return { maxItems: c[0] };
    case 'arrayUnique':
      return { uniqueItems: true };
    default:
      return {};
  }
}

let applied = false;

/**
 * Writes every class-validator rule of a documented DTO property into its @nestjs/swagger metadata,
 * without overriding what an @ApiProperty states; `@IsOptional()` makes the property optional.
 * Runs once per process, before the first document is built.
 */
export function documentValidationRules(): void {
  if (applied) return;
  applied = true;
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<object, ValidationMetadata[]>;
  };
  for (const [target, metadatas] of storage.validationMetadatas) {
    const prototype = (target as { prototype?: object }).prototype;
    if (!prototype) continue;
    // a `@Matches()` pattern wins over the one `@IsNotEmpty()` implies
    const ordered = [...metadatas].sort(
      (a, b) => Number(b.name === 'matches') - Number(a.name === 'matches'),
    );
    for (const m of ordered) {
      const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, m.propertyName) as
        { type?: unknown; isArray?: boolean } | undefined;
      if (!existing) continue;
      const save = (rules: Rules, override: boolean) =>
        Reflect.defineMetadata(
          API_MODEL_PROPERTIES,
          override ? { ...existing, ...rules } : { ...rules, ...existing },
          prototype,
          m.propertyName,
        );
      if (m.type === 'conditionalValidation') {
        if (m.name === 'isOptional') save({ required: false }, true);
        continue;
      }
      const designType = Reflect.getMetadata('design:type', prototype, m.propertyName) as unknown;
      const isString = !existing.isArray && (existing.type ?? designType) === String;
      const rules = rulesOf(m, isString);
      if (!isString) {
        delete rules.minLength;
        delete rules.maxLength;
        delete rules.pattern;
      }
      // `integer` refines the `number` that @ApiProperty reads from the TypeScript type
      if (m.name === 'isInt') save({ type: 'integer' }, true);
      else if (Object.keys(rules).length > 0) save(rules, false);
    }
  }
}
