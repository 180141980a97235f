import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../errors/to-problem';
import { sendProblem } from '../http/send-problem';

/** The single place where errors become RFC 9457 problem documents. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const result = toProblem(error);
    if (result.unexpected) {
      this.logger.error({ err: error, method: request.method, url: request.url }, 'Unhandled error');
    }
    sendProblem(reply, result, request.id);
  }
}
