import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AttachmentsService } from './attachments.service';
import { BLOB_STORE, BlobStore } from './storage/blob-store';
import { PostgresBlobStore } from './storage/postgres-blob-store';
import { S3BlobStore } from './storage/s3-blob-store';
import { UploadBudget } from './upload-budget';

/** The blob store chosen by ATTACHMENT_STORAGE. */
export function blobStoreFor(config: AppConfig, db: DataSource): BlobStore {
  return config.attachments.storage === 's3'
    ? new S3BlobStore(config.attachments.s3)
    : new PostgresBlobStore(db);
}

/** The attachments engine: tracks link files to their cases through AttachmentsService. */
@Module({
  providers: [
    { provide: BLOB_STORE, inject: [AppConfig, getDataSourceToken()], useFactory: blobStoreFor },
    UploadBudget,
    AttachmentsService,
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
