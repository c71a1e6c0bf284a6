import type { FormEvent } from 'react';
import { useState } from 'react';
import type { IdCheck } from '../../../shared/technician/technician-view.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { idCheckRecordedWords } from '../technician-messages.js';

/** Records which document was checked, seen in person: its type only, never a number or a picture. */
export function IdCheckForm({ documents, recorded }: { documents: string[]; recorded: IdCheck | null }) {
  const words = useWords();
  const { t } = words;
  const record = useTechnician((s) => s.recordIdCheck);
  const refusal = useTechnicianError('id_check');
  const [document, setDocument] = useState('');
  const [seen, setSeen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = document === '' ? t('technician.idCheck.documentMissing') : !seen ? t('technician.idCheck.seenMissing') : null;
    setProblem(found);
    if (found === null) void record(document);
  };

  const message = problem ?? refusal;
  return (
    <section className="console-panel" aria-labelledby="id-check-heading" data-testid="technician-id-check">
      <h2 id="id-check-heading">{t('technician.idCheck.title')}</h2>
      {recorded === null ? (
        <form className="stage-form" onSubmit={submit} noValidate>
          <p>{t('technician.idCheck.lead')}</p>
          <div className="field">
            <label htmlFor="id-document">{t('technician.idCheck.document')}</label>
            <select
              id="id-document"
              value={document}
              aria-invalid={message !== null}
              aria-describedby="id-check-error"
              onChange={(event) => {
                setProblem(null);
                setDocument(event.target.value);
              }}
            >
              <option value="">{t('technician.idCheck.choose')}</option>
              {documents.map((name) => (
                // The kiosk's own list of documents (config.technician), shown as the desk wrote it.
                <option key={name} value={name} data-config-text>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="checkbox-field">
            <input
              id="id-seen"
              type="checkbox"
              checked={seen}
              aria-describedby="id-check-error"
              onChange={(event) => {
                setProblem(null);
                setSeen(event.target.checked);
              }}
            />
            <label htmlFor="id-seen">{t('technician.idCheck.seenInPerson')}</label>
          </div>
          <div id="id-check-error">
            <ErrorAlert message={message} />
          </div>
          <button type="submit" className="button button-primary">
            {t('technician.idCheck.submit')}
          </button>
        </form>
      ) : (
        <p className="status" data-testid="id-check-recorded">
          {idCheckRecordedWords(words, recorded.document, recorded.checkedAt)}
        </p>
      )}
    </section>
  );
}
