"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";

import { describeError } from "@/components/trpc/describe-error";
import { useTRPC } from "@/components/trpc/trpc-client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { InlineError } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

const FIELDS = {
  applicationId: { label: "The application" },
  userId: { label: "The user ID" },
  template: { label: "The template" },
  language: { label: "The language" },
  parameters: { label: "The parameters", item: "Parameter" },
};

/**
 * A test operation for one customer, from a template (as a bank backend's `POST /v2/operations`
 * does): the customer's phone lists it, and approves or rejects it. Every parameter the template
 * uses gets its own field.
 */
export function NewOperationDialog({ open, onClose, userId, onCreated }: { open: boolean; onClose: () => void; userId?: string; onCreated: (operationId: string) => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New test operation"
      description="Sends an operation from a template to a customer's active registration: their phone shows it for approval, with the texts of the chosen language."
    >
      <NewOperationForm userId={userId} onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewOperationForm({ userId: givenUser, onCancel, onCreated }: { userId?: string; onCancel: () => void; onCreated: (operationId: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [applicationId, setApplicationId] = useState("");
  const [userId, setUserId] = useState(givenUser ?? "");
  const [templateName, setTemplateName] = useState("");
  const [language, setLanguage] = useState("en");
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const applications = useQuery(trpc.applications.list.queryOptions({ page: 1, pageSize: 200 }));
  const templates = useQuery(trpc.templates.list.queryOptions());
  const template = templates.data?.items.find((item) => item.name === templateName);
  const create = useMutation(
    trpc.operations.create.mutationOptions({
      onSuccess: async (operation) => {
        onCreated(operation.operationId);
        await Promise.all([queryClient.invalidateQueries(trpc.operations.list.pathFilter()), queryClient.invalidateQueries(trpc.support.timeline.pathFilter())]);
      },
    }),
  );
  const server = describeError(create.error, {
    fields: FIELDS,
    input: create.variables,
    codeFields: { ERROR_REGISTRATION_NOT_FOUND: "userId" },
  });
  const errors = { ...server.fields, ...problems };
  const formMessage = Object.keys(problems).length ? "Check the marked fields." : server.message;
  useFocusFirstInvalid(formRef, [problems, create.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!applicationId.trim()) found.applicationId = "Choose the application.";
    if (!userId.trim()) found.userId = "Enter the customer's user ID.";
    if (!template) found.template = "Choose a template.";
    for (const name of template?.parameters ?? []) if (!values[name]?.trim()) found[`parameter:${name}`] = `Enter a value for ${name}.`;
    setProblems(found);
    create.reset();
    if (Object.keys(found).length || !template) return;
    create.mutate({
      applicationId: applicationId.trim(),
      userId: userId.trim(),
      template: template.name,
      language,
      parameters: Object.fromEntries(template.parameters.map((name) => [name, values[name]!.trim()])),
    });
  }

  const apps = applications.data?.items ?? [];
  const languages = template ? Object.keys(template.texts) : ["en"];
  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
      <SelectField
        label="Application"
        value={applicationId}
        onChange={(e) => setApplicationId(e.target.value)}
        options={[{ value: "", label: applications.isLoading ? "Loading…" : "Choose…" }, ...apps.map((app) => ({ value: app.id, label: app.id }))]}
        error={errors.applicationId}
      />
      <TextField
        label="User ID"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        autoComplete="off"
        maxLength={255}
        hint="The customer must have an active registration in this application."
        error={errors.userId}
      />
      <SelectField
        label="Template"
        value={templateName}
        onChange={(e) => {
          setTemplateName(e.target.value);
          setLanguage("en");
        }}
        options={[
          { value: "", label: templates.isLoading ? "Loading…" : templates.data?.items.length ? "Choose…" : "No templates yet: an administrator creates them" },
          ...(templates.data?.items ?? []).map((item) => ({ value: item.name, label: `${item.name} (${item.operationType})` })),
        ]}
        error={errors.template}
      />
      {template ? (
        <>
          <SelectField label="Language" value={language} onChange={(e) => setLanguage(e.target.value)} options={languages.map((code) => ({ value: code, label: code }))} error={errors.language} />
          {template.parameters.length ? (
            <fieldset className="space-y-2">
              <legend className="text-xs font-medium text-slate-800">Parameters of {template.name}</legend>
              {template.parameters.map((name) => (
                <TextField
                  key={name}
                  label={name}
                  value={values[name] ?? ""}
                  onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                  autoComplete="off"
                  maxLength={1000}
                  error={errors[`parameter:${name}`] ?? (server.fields.parameters && !values[name] ? server.fields.parameters : undefined)}
                />
              ))}
            </fieldset>
          ) : (
            <p className="text-xs text-slate-600">This template has no parameters.</p>
          )}
        </>
      ) : null}
      <InlineError error={formMessage || null} />
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending} pendingText="Creating…">
          Create operation
        </Button>
      </DialogActions>
    </form>
  );
}
