import { useMutation } from 'urql';
import { useAuth } from '../../../lib/auth';
import { toAppError, type AppError } from '../../../lib/errors';
import { CreateEvidenceUploadMutation } from './assignment';
import { fileProblem, uploadEvidenceFile } from './evidence-files';

/**
 * A file as evidence, in two steps: createEvidenceUpload checks the rights and the name and signs
 * a short-lived URL (naming the evidence it replaces, if any), then the bytes are POSTed there.
 * `upload` answers null when the file is stored, or the error to show.
 */
export function useEvidenceUpload() {
  const auth = useAuth();
  const [, createUpload] = useMutation(CreateEvidenceUploadMutation);
  return async (
    input: { assignmentId: string; description: string; replacesEvidenceId?: string },
    file: File | null,
    field: string,
  ): Promise<AppError | null> => {
    const problem = fileProblem(file, field);
    if (problem || !file) return problem;
    const link = await createUpload({
      assignmentId: input.assignmentId,
      fileName: file.name,
      description: input.description.trim() || null,
      ...(input.replacesEvidenceId ? { replacesEvidenceId: input.replacesEvidenceId } : {}),
    });
    const failure = toAppError(link.error);
    if (failure || !link.data) return failure;
    return uploadEvidenceFile(link.data.createEvidenceUpload.url, file, auth.accessToken());
  };
}
