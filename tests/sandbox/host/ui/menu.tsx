// A small dropdown menu: opens from a button, closes on outside click, Escape or a choice.
import React, { useEffect, useRef, useState } from 'react';

import { violation } from '../recorder';

export type MenuItem = { id: string; text: React.ReactNode; onClick: () => void };

/** Plugin items that `shows` (their filter, match or shouldRender) lets through; one that throws is hidden and reported. */
export function pluginMenuItems(
  items: any[],
  call: string,
  what: string,
  shows: (item: any) => unknown,
  run: (item: any) => void,
): MenuItem[] {
  const visible = (item: any) => {
    try {
      return Boolean(shows(item));
    } catch (err) {
      violation(item.pluginId, call, `${what} threw: ${String(err)}`);
      return false;
    }
  };
  return items.filter(visible).map((item) => ({ id: `${item.id}_pluginmenuitem`, text: item.text, onClick: () => run(item) }));
}

type Props = {
  buttonId: string;
  menuId: string;
  label: string;
  buttonContent: React.ReactNode;
  items: MenuItem[];
  emptyText?: string;
  onOpenChange?: (open: boolean) => void;
  className?: string;
};

export function DropdownMenu(props: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const { onOpenChange } = props;

  useEffect(() => {
    onOpenChange?.(open);
    if (!open) {
      return undefined;
    }
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onOpenChange]);

  return (
    <div className={'sandbox-menu ' + (props.className ?? '')} ref={ref}>
      <button
        id={props.buttonId}
        type="button"
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        title={props.label}
        className="sandbox-icon-button"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        {props.buttonContent}
      </button>
      {open && (
        <ul id={props.menuId} role="menu" className="sandbox-menu__list">
          {props.items.length === 0 && <li className="sandbox-menu__empty">{props.emptyText ?? 'No actions'}</li>}
          {props.items.map((item) => (
            <li
              key={item.id}
              id={item.id}
              role="menuitem"
              tabIndex={0}
              className="sandbox-menu__item"
              onClick={(e) => {
                e.stopPropagation();
                setOpen(false);
                item.onClick();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  setOpen(false);
                  item.onClick();
                }
              }}
            >
              {item.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
