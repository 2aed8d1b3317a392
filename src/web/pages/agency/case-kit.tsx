/**
 * Shared pieces of the agency case pages (门慢特, 手工报销, 关系转移): the working-days tag, a modal that
 * asks for a reason or note, and a decision runner that posts, reports in Chinese and reloads.
 */
import { App, Grid, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';

export function workingDaysTag(left: number, overdue: boolean) {
  if (overdue) return <Tag color="red">已超期 {Math.abs(left)} 个工作日</Tag>;
  if (left <= 1) return <Tag color="orange">剩 {left} 个工作日</Tag>;
  return <Tag color="green">剩 {left} 个工作日</Tag>;
}

/** On a phone the action column stays pinned at the right edge, its buttons stacked. */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

export const time = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

/** Posts a decision; on success shows `done` and reloads, on refusal shows the server's message. */
export function useDecision(reload: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: Record<string, unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      await api.post(path, body);
      message.success(done);
      reload();
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}

export interface TextPrompt {
  title: string;
  okText: string;
  placeholder: string;
  required: boolean;
  danger?: boolean;
  onOk: (text: string) => Promise<unknown>;
}

/** One modal for reasons (required) and notes (optional). */
export function TextPromptModal(props: { prompt: TextPrompt | undefined; onClose: () => void }) {
  const [text, setText] = useState('');
  const p = props.prompt;
  return (
    <Modal
      title={p?.title}
      open={p !== undefined}
      okText={p?.okText}
      cancelText="取消"
      destroyOnHidden
      afterOpenChange={(open) => open && setText('')}
      okButtonProps={{ danger: p?.danger, disabled: p?.required === true && text.trim() === '' }}
      onCancel={props.onClose}
      onOk={async () => {
        if (p) await p.onOk(text.trim());
        props.onClose();
      }}
    >
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={500}
        rows={3}
        placeholder={p?.placeholder}
        data-testid="prompt-text"
      />
    </Modal>
  );
}
