import type { FastifyReply } from 'fastify';

/** The one error shape of the API: a stable code, a message in Chinese for people, details for machines. */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export function sendApiError(reply: FastifyReply, status: number, error: ApiError): FastifyReply {
  return reply.code(status).send(error);
}
