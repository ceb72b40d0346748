import { Module, OnModuleInit } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import {
  ComplaintAttachmentsController,
  PublicComplaintAttachmentsController,
} from './complaint-attachments.controller';
import { ComplaintAttachments } from './complaint-attachments.service';
import { DeadlineTracksRegistry } from '../deadlines/deadline-tracks.registry';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CategoriesAdminController, CategoriesAdminService } from './categories-admin.controller';
import { ComplaintCategories } from './complaint-categories';
import { ComplaintAccess } from './complaint-access';
import { ComplaintDigestService } from './complaint-digest.service';
import { ComplaintDeadlineHandler } from './complaint-deadline.handler';
import { ComplaintNotices } from './complaint-notices';
import { ComplaintQueries } from './complaint-queries.service';
import { ComplaintsController } from './complaints.controller';
import { COMPLAINT_TRACK } from './complaint-track';
import { ComplaintsService } from './complaints.service';
import { PublicComplaintsController } from './public-complaints.controller';

@Module({
  imports: [DeadlinesModule, NotificationsModule, AttachmentsModule],
  controllers: [
    PublicComplaintsController,
    ComplaintsController,
    CategoriesAdminController,
    PublicComplaintAttachmentsController,
    ComplaintAttachmentsController,
  ],
  providers: [
    ComplaintsService,
    ComplaintQueries,
    ComplaintAccess,
    ComplaintCategories,
    CategoriesAdminService,
    ComplaintNotices,
    ComplaintDeadlineHandler,
    ComplaintDigestService,
    ComplaintAttachments,
  ],
  exports: [ComplaintsService, ComplaintQueries, ComplaintDigestService, ComplaintCategories],
})
export class ComplaintsModule implements OnModuleInit {
  constructor(
    private readonly tracks: DeadlineTracksRegistry,
    private readonly handler: ComplaintDeadlineHandler,
  ) {}

  onModuleInit(): void {
    this.tracks.register(COMPLAINT_TRACK, this.handler);
  }
}
