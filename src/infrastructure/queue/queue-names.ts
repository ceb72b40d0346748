/** Every BullMQ queue of the service. Job names live beside the processor that handles them. */
export enum QueueName {
  Deadlines = 'deadlines',
  Mail = 'mail',
  Complaints = 'complaints',
  Attachments = 'attachments',
}
