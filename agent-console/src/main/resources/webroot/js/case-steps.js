// What each step of a complaint case sends (POST /v1/complaints/{id}/{step}), from the case form's
// values, and which required field is missing. No DOM: tested in src/test/js/case-steps.test.mjs.

/**
 * values: {class, severity, department, agentId, note, satisfied: 'yes'|'no'|undefined, closeNow}
 * (as typed). Answers {body, closeAfter} to send, or {missing: {field, label}} (the form field's
 * name and the i18n key of its label) when a required field is empty.
 */
export function caseStepRequest(step, values) {
  const note = (values.note || '').trim();
  const body = {};
  if (step === 'classify') {
    if (!values.class) return missing('class', 'case.form.class');
    body.class = values.class;
    body.severity = values.severity;
    if (values.department) body.department = values.department;
    const agentId = (values.agentId || '').trim();
    if (agentId) body.agentId = agentId;
    if (note) body.note = note;
  } else if (step === 'investigate' || step === 'result') {
    if (!note) return missing('note', step === 'result' ? 'case.form.resultNote' : 'case.form.findings');
    body.note = note;
  } else if (step === 'feedback') {
    if (values.satisfied !== 'yes' && values.satisfied !== 'no') return missing('satisfied', 'case.form.satisfied');
    body.satisfied = values.satisfied === 'yes';
    if (note) body.note = note;
  } else if (note) {
    body.note = note;
  }
  // Feedback, when the agent asks for it ("close now"), closes the case right after.
  return { body, closeAfter: step === 'feedback' && Boolean(values.closeNow) };
}

function missing(field, label) {
  return { missing: { field, label } };
}
