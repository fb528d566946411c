/**
 * A signature drawn on screen with a finger, pen or mouse (pointer events on an SVG), stored as an
 * SVG path (SignatureSchema); or the mention "signé sur papier".
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useRef, useState, type PointerEvent } from 'react';
import type { Signature } from '../../../shared/domain';

const WIDTH = 600;
const HEIGHT = 180;

export function SignaturePad(props: {
  id: string;
  label: string;
  signature: Signature | null;
  readOnly: boolean;
  onSign: (signature: { kind: 'drawn'; svgPath: string } | { kind: 'paper' }) => void;
  onClear: () => void;
}) {
  const [path, setPath] = useState('');
  const drawing = useRef(false);
  const svg = useRef<SVGSVGElement>(null);

  const point = (event: PointerEvent<SVGSVGElement>) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0) return '0 0';
    const x = Math.round(((event.clientX - box.left) / box.width) * WIDTH);
    const y = Math.round(((event.clientY - box.top) / box.height) * HEIGHT);
    return `${x} ${y}`;
  };

  const { signature } = props;
  return (
    <Box
      component="section"
      aria-labelledby={`${props.id}-label`}
      sx={{ breakInside: 'avoid', mb: 2 }}
    >
      <Typography component="h3" variant="h3" id={`${props.id}-label`}>
        {props.label}
      </Typography>
      {signature ? (
        <Box>
          {signature.kind === 'drawn' ? (
            <svg
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              width="100%"
              role="img"
              aria-label={`Signature de ${props.label}`}
              style={{ maxWidth: 360, border: '1px solid #999' }}
            >
              <path
                d={signature.svgPath}
                fill="none"
                stroke="#000"
                strokeWidth={3}
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          ) : (
            <Typography>Signé sur papier</Typography>
          )}
          <Typography sx={{ color: 'text.secondary' }} data-testid={`${props.id}-signed`}>
            Signé le {new Date(signature.signedAt).toLocaleString('fr-FR')}
          </Typography>
          {!props.readOnly && (
            <Button className="no-print" onClick={props.onClear}>
              Effacer la signature — {props.label}
            </Button>
          )}
        </Box>
      ) : props.readOnly ? (
        <Typography>Non signé</Typography>
      ) : (
        <Box className="no-print">
          <svg
            ref={svg}
            data-testid={`${props.id}-pad`}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width="100%"
            role="img"
            aria-label={`Zone de signature : ${props.label}`}
            style={{
              maxWidth: 600,
              border: '2px dashed #44464f',
              touchAction: 'none',
              background: '#fff',
              cursor: 'crosshair',
            }}
            onPointerDown={(event) => {
              drawing.current = true;
              event.currentTarget.setPointerCapture?.(event.pointerId);
              setPath((p) => `${p} M ${point(event)}`.trim());
            }}
            onPointerMove={(event) => {
              if (drawing.current) setPath((p) => `${p} L ${point(event)}`);
            }}
            onPointerUp={() => {
              drawing.current = false;
            }}
          >
            <path
              d={path || 'M 0 0'}
              fill="none"
              stroke="#000"
              strokeWidth={3}
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
            <Button
              variant="contained"
              disabled={!path.includes('L')}
              onClick={() => props.onSign({ kind: 'drawn', svgPath: path })}
            >
              Valider la signature — {props.label}
            </Button>
            <Button onClick={() => setPath('')} disabled={path === ''}>
              Recommencer
            </Button>
            <Button variant="outlined" onClick={() => props.onSign({ kind: 'paper' })}>
              Signé sur papier — {props.label}
            </Button>
          </Box>
        </Box>
      )}
    </Box>
  );
}
