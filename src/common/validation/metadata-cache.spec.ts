import {
  getMetadataStorage,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  MetadataStorage,
  validateSync,
} from 'class-validator';
import { cacheValidationMetadata } from './metadata-cache';

class Base {
  @IsString() name!: string;
  @IsInt({ groups: ['admin'] }) level!: number;
}
class Child extends Base {
  @MaxLength(3) override name = '';
  @IsOptional() @IsString() note?: string;
}
class Unrelated {
  @IsInt({ always: true }) count!: number;
}
class Late {
  @IsString() first!: string;
}

type Target = abstract new (...args: never[]) => unknown;

const storage = getMetadataStorage();
const library = (target: Target, always: boolean, strictGroups: boolean, groups?: string[]) =>
  MetadataStorage.prototype.getTargetValidationMetadatas.call(
    storage,
    target,
    '',
    always,
    strictGroups,
    groups,
  );
const describeRules = (rules: { propertyName: string; type: string; name?: string; target: unknown }[]) =>
  rules.map((r) => `${(r.target as Target).name}.${r.propertyName}:${r.name ?? r.type}`).sort();

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it.each([
    [Base, false, false, undefined],
    [Base, false, false, ['admin']],
    [Base, false, true, undefined],
    [Child, false, false, undefined],
    [Child, true, false, ['admin']],
    [Child, false, true, []],
    [Unrelated, false, false, ['other']],
  ] as [Target, boolean, boolean, string[] | undefined][])(
    '%p (always %p, strictGroups %p, groups %p): the same rules as the library finds',
    (target, always, strictGroups, groups) => {
      const cached = storage.getTargetValidationMetadatas(target, '', always, strictGroups, groups);
      expect(describeRules(cached)).toEqual(describeRules(library(target, always, strictGroups, groups)));
      expect(storage.getTargetValidationMetadatas(target, '', always, strictGroups, groups)).toBe(cached);
      expect(storage.groupByPropertyName(cached)).toBe(storage.groupByPropertyName(cached));
    },
  );

  it('forgets what it found when a rule is added', () => {
    const before = storage.getTargetValidationMetadatas(Late, '', false, false);
    expect(describeRules(before)).toEqual(['Late.first:isString']);
    IsInt()(Late.prototype, 'second');
    const after = storage.getTargetValidationMetadatas(Late, '', false, false);
    expect(describeRules(after)).toEqual(['Late.first:isString', 'Late.second:isInt']);
    expect(
      validateSync(Object.assign(new Late(), { first: 'a', second: 'x' })).map((e) => e.property),
    ).toEqual(['second']);
  });

  it('validation answers as before: an inherited rule and an overriding one both apply', () => {
    const errors = validateSync(Object.assign(new Child(), { name: 'long name', level: 1, note: 5 }));
    expect(errors.map((e) => [e.property, Object.keys(e.constraints ?? {}).sort()])).toEqual([
      ['name', ['maxLength']],
      ['note', ['isString']],
    ]);
  });
});
