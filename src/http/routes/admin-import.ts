/**
 * Admin import endpoint: the same validated, all-or-nothing import as `yibao import`, over HTTP.
 * JSON documents are posted as application/json; CSV as text/csv with `?kind=` (or a file name).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../service/context.ts';
import {
  type ImportFormat,
  type ImportKind,
  importDocument,
  isImportKind,
} from '../../service/import/index.ts';
import { importKindNames } from '../../service/import/kinds/index.ts';
import { requireAdmin } from '../admin-auth.ts';
import { fail } from '../errors.ts';

const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export function registerAdminImportRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  adminToken: string | undefined,
): void {
  app.addContentTypeParser(
    ['text/csv'],
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/api/admin/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      onRequest: requireAdmin(adminToken),
      schema: {
        summary: '导入参考数据（整文件校验，任一行有误则不写入任何数据）',
        tags: ['admin'],
        querystring: {
          type: 'object',
          properties: {
            kind: {
              type: 'string',
              description: importKindNames(' | '),
            },
            source: { type: 'string', description: '来源文件名，用于记录和按文件名判断种类' },
          },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { kind, source } = request.query as { kind?: string; source?: string };
      if (kind !== undefined && !isImportKind(kind)) {
        fail(400, {
          code: 'IMPORT_KIND_INVALID',
          field: 'kind',
          message: `数据种类 kind=“${kind}” 无效，可选 ${importKindNames()}。`,
        });
      }
      const contentType = String(request.headers['content-type'] ?? '');
      const format: ImportFormat = contentType.startsWith('text/csv') ? 'csv' : 'json';
      const content = format === 'csv' ? String(request.body ?? '') : JSON.stringify(request.body ?? null);
      const result = await importDocument(
        ctx.store,
        { kind: kind as ImportKind | undefined, format, content, source: source ?? `http-${format}` },
        { now: ctx.now },
      );
      if (result.ok) return reply.status(201).send(result.value);
      return reply.status(422).send({ ...result.error, requestId: String(request.id) });
    },
  );
}
