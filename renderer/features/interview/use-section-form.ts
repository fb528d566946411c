/** One react-hook-form per section, validated by the shared schema, saved as they type. */
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { frenchZodResolver } from '../../ui';
import type { InterviewDraftStore } from './draft-store';
import {
  applySectionForm,
  formValuesFor,
  validationSchemaFor,
  type SectionSpec,
} from './section-forms';

export type SectionFormValues = Record<string, unknown>;

export function useSectionForm(spec: SectionSpec, store: InterviewDraftStore) {
  const defaultValues = useMemo(() => formValuesFor(spec, store.getSnapshot().doc), [spec, store]);
  const resolver = useMemo(() => frenchZodResolver(validationSchemaFor(spec)), [spec]);
  const form = useForm<SectionFormValues>({ defaultValues, resolver, mode: 'onChange' });
  useEffect(() => {
    // Show what the stored raw text fails on as soon as the section opens again.
    const drafted = Object.keys(store.getSnapshot().doc.formDrafts).some((k) =>
      k.startsWith(`${spec.key}.`),
    );
    if (drafted) void form.trigger();
    const subscription = form.watch((values) => {
      if (store.isReadOnly) return;
      store.update((doc) => applySectionForm(spec, doc, values as SectionFormValues));
    });
    return () => subscription.unsubscribe();
  }, [form, spec, store]);
  return form;
}
