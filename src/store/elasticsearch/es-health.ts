import { type Client, errors } from '@elastic/elasticsearch';
import { WagewatchError } from '../../errors.ts';

/** Major versions the mappings and queries are written for. */
const SUPPORTED_MAJORS = [8, 9];

/**
 * Checks the cluster once at start and names what is wrong instead of crash-looping: it cannot
 * be reached, it refuses our credentials, it is not Elasticsearch, or its version is not one we
 * support. Returns the version.
 */
export async function checkCluster(client: Client, url: string): Promise<string> {
  let version: string;
  try {
    version = (await client.info()).version.number;
  } catch (error) {
    throw describeFailure(error, url);
  }
  const major = Number(version.split('.')[0]);
  if (!SUPPORTED_MAJORS.includes(major)) {
    throw new WagewatchError(
      'es_incompatible',
      `Elasticsearch at ${url} is version ${version}; wagewatch supports 8.x and 9.x`,
    );
  }
  return version;
}

function describeFailure(error: unknown, url: string): WagewatchError {
  if (error instanceof errors.ProductNotSupportedError) {
    return new WagewatchError(
      'es_wrong_product',
      `the server at ${url} is not Elasticsearch (no x-elastic-product header)`,
    );
  }
  if (error instanceof errors.ResponseError && [401, 403].includes(error.meta.statusCode ?? 0)) {
    return new WagewatchError(
      'es_auth',
      `Elasticsearch at ${url} refused the credentials (HTTP ${error.meta.statusCode}); check the username/password or API key variables`,
    );
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError) {
    return new WagewatchError('es_unreachable', `cannot reach Elasticsearch at ${url}: ${error.message}`);
  }
  return new WagewatchError(
    'es_unreachable',
    `Elasticsearch at ${url} did not answer its info request: ${(error as Error).message}`,
  );
}
