import { Injectable } from '@nestjs/common';

/** Whom a message is for when its address must not be stored: a kind of contact and its id. */
export interface RecipientRef {
  /** the resolver's name, e.g. `integrity_report` */
  type: string;
  /** the id the resolver understands, e.g. a report id */
  id: string;
}

export interface ResolvedContact {
  email: string;
  name?: string;
  /**
   * The template's `resolved` params (e.g. a one-time link), computed for this attempt only: they
   * are rendered into the mail and stored nowhere.
   */
  params?: Record<string, unknown>;
}

/**
 * Looks up a contact's address when a message is about to be sent. Returns null when there is
 * nobody to send to (no address, or no consent to notices): the message is then suppressed.
 */
export interface RecipientResolver {
  resolve(id: string): Promise<ResolvedContact | null>;
}

/**
 * Resolvers registered by the modules that own the contacts (in their onModuleInit). The outbox
 * then stores only the reference; the mail processor asks the resolver just before sending and
 * keeps the address nowhere. Used for integrity reporters, whose e-mail lives encrypted in their
 * module and must not be copied into the outbox.
 */
@Injectable()
export class RecipientResolvers {
  private readonly resolvers = new Map<string, RecipientResolver>();

  register(type: string, resolver: RecipientResolver): void {
    if (this.resolvers.has(type)) throw new Error(`A recipient resolver is already registered for ${type}`);
    this.resolvers.set(type, resolver);
  }

  has(type: string): boolean {
    return this.resolvers.has(type);
  }

  /** The contact's address now, or null (nothing to send). Throws when no resolver knows `ref.type`. */
  async resolve(ref: RecipientRef): Promise<ResolvedContact | null> {
    const resolver = this.resolvers.get(ref.type);
    if (!resolver) throw new Error(`No recipient resolver is registered for ${ref.type}`);
    return resolver.resolve(ref.id);
  }

  /** Tests only: `resolver` handles `type` until the returned function restores the previous one. */
  override(type: string, resolver: RecipientResolver): () => void {
    const previous = this.resolvers.get(type);
    this.resolvers.set(type, resolver);
    return () => {
      if (previous) this.resolvers.set(type, previous);
      else this.resolvers.delete(type);
    };
  }
}
