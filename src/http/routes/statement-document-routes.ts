/**
 * A clearing statement's documents on the REST API: the XLSX and CSV exports, sent as attachments named
 * after the statement, and the HTML print view. The administrator's routes and the agency console's
 * register them the same way; who may read which statement is the caller's `load`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { statementParam } from './clearing-schemas.ts';

export type StatementDocument = 'xlsx' | 'csv' | 'print';

const DOCUMENTS: readonly {
  readonly kind: StatementDocument;
  readonly path: string;
  readonly summary: string;
  readonly type: string;
  /** The file name's extension when the document is downloaded, not shown. */
  readonly attachmentExtension?: string;
}[] = [
  {
    kind: 'xlsx',
    path: 'export.xlsx',
    summary: '导出清算单（XLSX）',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    attachmentExtension: 'xlsx',
  },
  {
    kind: 'csv',
    path: 'export.csv',
    summary: '导出清算单（CSV）',
    type: 'text/csv; charset=utf-8',
    attachmentExtension: 'csv',
  },
  { kind: 'print', path: 'print', summary: '清算单打印视图（HTML）', type: 'text/html; charset=utf-8' },
];

export interface StatementDocumentRoutes {
  /** The statement's path with its id as `:id`, e.g. `/api/clearing/statements/:id`. */
  readonly statementPath: string;
  readonly tags: string[];
  /** A check every document route runs first (the administrator's token). */
  readonly onRequest?: (request: FastifyRequest) => Promise<void>;
  /** The document, or a thrown coded error when the statement is missing or not the caller's. */
  readonly load: (
    kind: StatementDocument,
    request: FastifyRequest<{ Params: { id: string } }>,
  ) => Promise<string | Buffer>;
}

export function registerStatementDocumentRoutes(app: FastifyInstance, routes: StatementDocumentRoutes): void {
  const hooks = routes.onRequest ? { onRequest: routes.onRequest } : {};
  for (const document of DOCUMENTS) {
    app.get<{ Params: { id: string } }>(
      `${routes.statementPath}/${document.path}`,
      { ...hooks, schema: { summary: document.summary, tags: routes.tags, params: statementParam } },
      async (request, reply) => {
        const body = await routes.load(document.kind, request);
        reply.type(document.type);
        if (document.attachmentExtension) {
          const name = `${request.params.id}.${document.attachmentExtension}`;
          reply.header('content-disposition', `attachment; filename="${name}"`);
        }
        return reply.send(body);
      },
    );
  }
}
