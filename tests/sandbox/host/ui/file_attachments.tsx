// A post's files with a "more actions" menu per file: Download, then every plugin FilesDropdown
// item whose match(fileInfo) is true, run as action(fileInfo) — Mattermost's file_attachment menu.
import React from 'react';
import { useSelector } from 'react-redux';

import { Client4 } from 'mattermost-redux/client';

import { DropdownMenu, pluginMenuItems, type MenuItem } from './menu';

function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(0)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function FileAttachments(props: { postId: string; onMenuOpenChange: (open: boolean) => void }) {
  const files = useSelector(
    (state: any) => {
      const ids: string[] = state.entities.files.fileIdsByPostId[props.postId] ?? [];
      return ids.map((id) => state.entities.files.files[id]).filter(Boolean);
    },
    (a: any[], b: any[]) => a.length === b.length && a.every((f, i) => f === b[i]),
  );
  const pluginItems = useSelector((state: any) => state.plugins.components.FilesDropdown) as any[];
  if (!files.length) {
    return null;
  }
  return (
    <div className="file-attachments">
      {files.map((file: any) => {
        const items: MenuItem[] = [
          {
            id: `file_download_${file.id}`,
            text: 'Download',
            onClick: () => window.open(Client4.getFileUrl(file.id, Date.now()), '_blank'),
          },
          ...pluginMenuItems(
            pluginItems,
            'registerFileDropdownMenuAction',
            'match(fileInfo)',
            (item) => item.match?.(file),
            (item) => item.action?.(file),
          ),
        ];
        return (
          <div key={file.id} className="post-image__column" id={`file_attachment_${file.id}`} data-file-name={file.name}>
            <span className="post-image__icon">{(file.extension || 'file').toUpperCase()}</span>
            <a className="post-image__name" href={Client4.getFileUrl(file.id, 0)} target="_blank" rel="noreferrer">
              {file.name}
            </a>
            <span className="post-image__size">{formatSize(file.size)}</span>
            <DropdownMenu
              buttonId={`file_menu_button_${file.id}`}
              menuId={`file_menu_${file.id}`}
              label="More Actions"
              buttonContent={'⋮'}
              items={items}
              onOpenChange={props.onMenuOpenChange}
              className="post-image__dropdown"
            />
          </div>
        );
      })}
    </div>
  );
}
