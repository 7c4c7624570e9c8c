package dev.ingest.sinks.catalog;

import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.aws.AwsClientFactories;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3FileIO's client factory ({@code s3.client-factory-impl}) for S3-compatible stores: Iceberg's own client
 * settings (region, HTTP client, endpoint, path style, chunked encoding, credentials, signer, retries), plus the
 * AWS SDK's request checksum calculation and response checksum validation, which Iceberg 1.11 does not expose.
 * Since SDK 2.30 both default to {@code WHEN_SUPPORTED}: every upload carries a CRC32 trailer, which stores that
 * predate it (s3rver, older MinIO and Ceph releases) keep as part of the object. {@value #REQUEST_CHECKSUM} and
 * {@value #RESPONSE_CHECKSUM} take {@code when_supported} or {@code when_required}.
 */
public final class S3ChecksumClientFactory implements S3FileIOAwsClientFactory {
  private static final long serialVersionUID = 1L;

  /** Catalog property: the SDK's {@code requestChecksumCalculation}. */
  public static final String REQUEST_CHECKSUM = "ingest.s3.request-checksum-calculation";

  /** Catalog property: the SDK's {@code responseChecksumValidation}. */
  public static final String RESPONSE_CHECKSUM = "ingest.s3.response-checksum-validation";

  private Map<String, String> properties = Map.of();
  private S3FileIOProperties s3;
  private AwsClientProperties aws;
  private HttpClientProperties http;

  @Override
  public void initialize(Map<String, String> props) {
    this.properties = Map.copyOf(props);
    this.s3 = new S3FileIOProperties(props);
    this.aws = new AwsClientProperties(props);
    this.http = new HttpClientProperties(props);
  }

  @Override
  public S3Client s3() {
    return S3Client.builder()
        .applyMutation(aws::applyClientRegionConfiguration)
        .applyMutation(aws::applyLegacyMd5Plugin)
        .applyMutation(http::applyHttpClientConfigurations)
        .applyMutation(s3::applyEndpointConfigurations)
        .applyMutation(s3::applyServiceConfigurations)
        .applyMutation(b -> s3.applyCredentialConfigurations(aws, b))
        .applyMutation(s3::applySignerConfiguration)
        .applyMutation(s3::applyS3AccessGrantsConfigurations)
        .applyMutation(s3::applyUserAgentConfigurations)
        .applyMutation(s3::applyRetryConfigurations)
        .requestChecksumCalculation(requestChecksum(properties))
        .responseChecksumValidation(responseChecksum(properties))
        .build();
  }

  /** The asynchronous client (only used by S3FileIO's optional CRT and analytics paths): Iceberg's default. */
  @Override
  public S3AsyncClient s3Async() {
    return AwsClientFactories.from(properties).s3Async();
  }

  /** The configured request checksum calculation; the message names the property when the value is unknown. */
  static RequestChecksumCalculation requestChecksum(Map<String, String> props) {
    return switch (mode(props, REQUEST_CHECKSUM)) {
      case "when_required" -> RequestChecksumCalculation.WHEN_REQUIRED;
      default -> RequestChecksumCalculation.WHEN_SUPPORTED;
    };
  }

  /** The configured response checksum validation. */
  static ResponseChecksumValidation responseChecksum(Map<String, String> props) {
    return switch (mode(props, RESPONSE_CHECKSUM)) {
      case "when_required" -> ResponseChecksumValidation.WHEN_REQUIRED;
      default -> ResponseChecksumValidation.WHEN_SUPPORTED;
    };
  }

  /** Reads a checksum mode, {@code when_supported} when unset. */
  static String mode(Map<String, String> props, String key) {
    String value = props.getOrDefault(key, "when_supported").trim().toLowerCase(Locale.ROOT);
    if (!value.equals("when_supported") && !value.equals("when_required")) {
      throw new IllegalArgumentException(key + ": expected when_supported or when_required, got '" + value + "'");
    }
    return value;
  }
}
