import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import type { ProblemResult } from '../errors/to-problem';

export function sendProblem(reply: FastifyReply, result: ProblemResult, requestId?: string): void {
  if (reply.sent) return;
  const body = requestId ? { ...result.problem, requestId } : result.problem;
  reply
    .status(result.problem.status)
    .headers(result.headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(body));
}
