package org.exchangehub.hub.ledger.embedded;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.exchangehub.hub.ledger.LedgerRefusedException;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.springframework.dao.DataAccessException;

/**
 * Calls a contract's transactions by name with string arguments, as Fabric's contract router does for a peer: the
 * name is the {@code @Transaction} name, else the method name; arguments are converted to the parameter types. A
 * {@link ChaincodeException} becomes a {@link LedgerRefusedException} with its payload as the code.
 */
final class ContractDispatcher {

    private final ContractInterface contract;
    private final Map<String, Method> transactions = new TreeMap<>();

    ContractDispatcher(ContractInterface contract) {
        this.contract = contract;
        for (Method method : contract.getClass().getMethods()) {
            Transaction transaction = method.getAnnotation(Transaction.class);
            if (transaction != null) {
                String name = transaction.name().isEmpty() ? method.getName() : transaction.name();
                transactions.put(name, method);
            }
        }
    }

    /** Runs a transaction and returns its result as bytes (UTF-8 for a String result, empty for none). */
    byte[] invoke(Context context, String function, List<String> arguments) {
        Method method = transactions.get(function);
        if (method == null) {
            throw new LedgerRefusedException(
                    "TRANSACTION_UNKNOWN",
                    "the notary chaincode has no transaction '" + function + "'; it has " + transactions.keySet());
        }
        Class<?>[] types = method.getParameterTypes();
        if (types.length != arguments.size() + 1 || !Context.class.isAssignableFrom(types[0])) {
            throw new LedgerRefusedException(
                    "ARGUMENTS_INVALID",
                    "transaction " + function + " takes " + (types.length - 1) + " arguments, got " + arguments.size());
        }
        Object[] values = new Object[types.length];
        values[0] = context;
        for (int i = 1; i < types.length; i++) {
            values[i] = convert(function, arguments.get(i - 1), types[i]);
        }
        try {
            return result(method.invoke(contract, values));
        } catch (InvocationTargetException e) {
            throw refusal(function, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("transaction " + function + " is not accessible", e);
        }
    }

    private static Object convert(String function, String value, Class<?> type) {
        try {
            if (type == String.class) {
                return value;
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            } else if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            } else if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(value);
            }
        } catch (NumberFormatException e) {
            throw new LedgerRefusedException(
                    "ARGUMENTS_INVALID",
                    "transaction " + function + ": '" + value + "' is not a " + type.getSimpleName());
        }
        throw new IllegalStateException("transaction " + function + " has a parameter of unsupported type " + type);
    }

    private static byte[] result(Object value) {
        if (value == null) {
            return new byte[0];
        } else if (value instanceof byte[] bytes) {
            return bytes;
        } else if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("unsupported transaction result type " + value.getClass());
    }

    private static RuntimeException refusal(String function, Throwable cause) {
        if (cause instanceof ChaincodeException refused) {
            byte[] payload = refused.getPayload();
            String code =
                    payload == null || payload.length == 0 ? "UNKNOWN" : new String(payload, StandardCharsets.UTF_8);
            return new LedgerRefusedException(code, refused.getMessage());
        }
        if (cause instanceof DataAccessException storeFailure) {
            // The ledger's own database failed under the contract: the ledger is unavailable, nothing was refused.
            return storeFailure;
        }
        if (cause instanceof RuntimeException runtime) {
            return new LedgerRefusedException(
                    "CHAINCODE_ERROR", "transaction " + function + " failed: " + runtime.getMessage());
        }
        return new IllegalStateException("transaction " + function + " failed", cause);
    }
}
