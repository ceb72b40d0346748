import { Injectable } from '@nestjs/common';
import type { DeadlineMilestoneHandler, DeadlineTrack } from './deadline-track';

/** Which track module handles the milestones of its cases. Tracks register in their onModuleInit. */
@Injectable()
export class DeadlineTracksRegistry {
  private readonly handlers = new Map<DeadlineTrack, DeadlineMilestoneHandler>();

  register(track: DeadlineTrack, handler: DeadlineMilestoneHandler): void {
    if (this.handlers.has(track))
      throw new Error(`A deadline milestone handler is already registered for ${track}`);
    this.handlers.set(track, handler);
  }

  handlerFor(track: DeadlineTrack): DeadlineMilestoneHandler | undefined {
    return this.handlers.get(track);
  }

  /** Tests only: `handler` handles `track` until the returned function restores the previous one. */
  override(track: DeadlineTrack, handler: DeadlineMilestoneHandler): () => void {
    const previous = this.handlers.get(track);
    this.handlers.set(track, handler);
    return () => {
      if (previous) this.handlers.set(track, previous);
      else this.handlers.delete(track);
    };
  }
}
