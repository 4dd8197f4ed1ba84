import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * Camunda sends `Content-Type: application/json` with no charset, and its JS client parses a body
 * only when the header is exactly that (Express's json() would add `; charset=utf-8`).
 */
export const sendCamundaJson = (response: Response, status: number, body: unknown): void => {
  response.status(status);
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(body));
};

/** Answers of /engine-rest handlers as Camunda's JSON (their status comes from @HttpCode: 204 for Camunda's commands). */
@Injectable()
export class CamundaJsonInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (body === undefined) return undefined;
        response.setHeader('Content-Type', 'application/json');
        return new StreamableFile(Buffer.from(JSON.stringify(body)), { type: 'application/json' });
      }),
    );
  }
}
