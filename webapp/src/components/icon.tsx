import React from 'react';

// A check inside a rounded square; currentColor follows the theme.
export default function ThroughlineIcon() {
    return (
        <svg
            className='icon'
            width='18'
            height='18'
            viewBox='0 0 24 24'
            aria-hidden='true'
            fill='none'
            stroke='currentColor'
            strokeWidth='2'
            strokeLinecap='round'
            strokeLinejoin='round'
        >
            <rect
                x='3'
                y='3'
                width='18'
                height='18'
                rx='4'
            />
            <path d='M8 12.5l3 3 5-6'/>
        </svg>
    );
}
