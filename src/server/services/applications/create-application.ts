/**
 * Creates an application with everything a mobile app needs (protocol §2): a P-256 master key pair
 * (private key sealed at rest, never returned), a first version "default" with its app key and
 * secret, and the roles asked for. An existing id is an error; nothing is overwritten.
 */
import { encodePublicKey, generateMasterKeyPair } from "@/powerauth/server";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { sealSecret } from "@/server/security/secret-box";

import type { Actor } from "../access/actor";
import { assertCan } from "../access/permissions";
import { recordAuditEvent } from "../audit/record-audit-event";
import { FIRST_VERSION_NAME, masterKeyContext, newVersionKeys } from "./application-keys";
import { type ApplicationDetail, toApplicationDetail } from "./get-application-detail";

export async function createApplication({
  actor,
  id,
  roles,
}: {
  actor: Actor;
  id: string;
  roles: string[];
}): Promise<ApplicationDetail> {
  assertCan(actor, "applications.write");
  const uniqueRoles = [...new Set(roles)];
  const masterKey = generateMasterKeyPair();

  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.application.findUnique({ where: { id }, select: { id: true } });
      if (existing) throw new AppError("ERROR_ADMIN", `Application already exists: ${id}`);

      const versionKeys = newVersionKeys();
      const masterServerPublicKey = encodePublicKey(masterKey.publicKey);
      await tx.application.create({
        data: {
          id,
          masterKeyPairs: {
            create: {
              publicKey: masterServerPublicKey,
              privateKeyEncrypted: sealSecret(masterKey.privateKey, masterKeyContext(id)),
            },
          },
          versions: { create: { name: FIRST_VERSION_NAME, ...versionKeys } },
          roles: { create: uniqueRoles.map((name) => ({ name })) },
        },
      });
      const detail = toApplicationDetail({ id, roles: [...uniqueRoles].sort(), ...versionKeys, masterServerPublicKey });
      await recordAuditEvent(tx, {
        actor,
        action: "application.create",
        targetType: "application",
        targetId: id,
        applicationId: id,
        after: {
          id,
          roles: detail.roles,
          versions: [{ name: FIRST_VERSION_NAME, appKey: detail.appKey, supported: true }],
          masterServerPublicKey: detail.masterServerPublicKey,
        },
      });
      return detail;
    });
  } catch (error) {
    // Two creates racing for the same id: the loser sees the primary key violation.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("ERROR_ADMIN", `Application already exists: ${id}`);
    }
    throw error;
  }
}
