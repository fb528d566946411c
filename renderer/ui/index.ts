/** MUI inputs wired to react-hook-form once: ids, labels, aria-invalid, aria-describedby, errors. */
export * from './field-context';
export * from './french-errors';
export * from './RhfCheckbox';
export * from './RhfCheckboxGroup';
export * from './RhfRadioGroup';
export * from './RhfSelect';
export * from './RhfTextField';
export * from './use-settled-value';
