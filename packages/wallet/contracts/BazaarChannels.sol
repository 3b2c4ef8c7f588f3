// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Bazaar one-way payment channels
/// @notice Many payer-to-payee channels in one deployment, funded in an ERC-20 token or the
/// chain's native coin (token = address(0)). Updates are EIP-712 `ChannelUpdate` messages signed
/// by the payer's settlement key; the same single signature is checked by the payee off-chain and
/// by this contract. See docs/DESIGN.md ("Channel updates", "Settlement semantics").
/// @dev Amounts are stored in 96 bits and times in 40 bits so that a channel opens in three
/// storage slots. Tokens that take a fee on transfer or rebase are not supported. The contract
/// has no immutables, so its runtime code (and code hash) is identical on every chain.
contract BazaarChannels {
    // ------------------------------------------------------------------ errors
    /// No channel has this id on this contract and chain (also: a state or signature made for
    /// another chain or contract, whose channel id names no channel here).
    error ChannelNotFound(bytes32 channelId);
    /// A channel with the same parameters (and nonce) was already opened.
    error ChannelExists(bytes32 channelId);
    /// The payee is the zero address or the payer itself.
    error InvalidPayee();
    /// A deposit or top-up of zero.
    error ZeroAmount();
    /// A deposit that does not fit the contract's 96-bit amounts.
    error AmountTooLarge(uint256 amount);
    /// The expiry is not in the future (or so far that deadlines would leave the 40-bit range).
    error InvalidExpiry(uint64 expiry);
    /// The dispute window is zero or longer than 2^32 - 1 seconds.
    error InvalidDisputeWindow(uint64 disputeWindow);
    /// `msg.value` does not match: the deposit for a native channel, zero for an ERC-20 one.
    error WrongValue(uint256 expected, uint256 actual);
    /// The token call failed, returned false, or the token address holds no code.
    error TokenTransferFailed(address token);
    /// Only the payer may top up.
    error NotPayer(address caller);
    /// Only the payer or the payee may close or challenge.
    error NotParty(address caller);
    /// The channel is not open (it is closing or paid out).
    error ChannelNotOpen(bytes32 channelId);
    /// The channel has not been closed unilaterally (it is open, or paid out).
    error NotClosing(bytes32 channelId);
    /// The channel was already paid out (double withdraw, refund or cooperative close).
    error AlreadyPaidOut(bytes32 channelId);
    /// Too late for this action: a top-up after expiry, or a close once the refund time came.
    error ChannelExpired(uint64 deadline);
    /// The state's sequence is not higher than the stored one (stale or equal).
    error StaleState(uint64 stored, uint64 given);
    /// The state would lower what the payee is owed.
    error AmountLowered(uint256 stored, uint256 given);
    /// cumulativePaid + lockedTotal (or a cooperative payee amount, with lockedTotal 0) exceeds the deposit.
    error AmountAboveDeposit(uint256 cumulativePaid, uint256 lockedTotal, uint256 deposit);
    /// The signature is malformed, high-s, or not the expected key's over this contract's
    /// EIP-712 domain (forged, or signed for another chain, contract or channel).
    error InvalidSignature();
    /// The dispute window is still open (withdraw too early).
    error WindowOpen(uint64 closeDeadline);
    /// The dispute window is over (challenge or lock claim too late).
    error WindowOver(uint64 closeDeadline);
    /// A refund before `expiry + disputeWindow`.
    error NotExpired(uint64 refundableAt);
    /// A lock claimed at or after its expiry.
    error LockExpired(uint64 lockExpiry);
    /// keccak256(preimage) is not the lock's hash.
    error WrongPreimage();
    /// The lock is not in the closing state's locks root.
    error LockNotFound();
    /// This lock was already claimed for this closing state.
    error LockClaimed(bytes32 leaf);
    /// Claims would exceed the closing state's lockedTotal.
    error LocksAboveTotal(uint256 claimed, uint256 lockedTotal);
    /// No deferred payment to collect.
    error NothingToCollect();

    // ------------------------------------------------------------------ events
    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        address token,
        uint256 deposit,
        uint64 expiry,
        uint64 disputeWindow,
        uint64 nonce
    );
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    event ChannelClosing(
        bytes32 indexed channelId,
        address indexed by,
        uint64 sequence,
        uint256 cumulativePaid,
        uint256 lockedTotal,
        bytes32 locksRoot,
        uint64 closeDeadline
    );
    event ChannelChallenged(
        bytes32 indexed channelId,
        address indexed by,
        uint64 sequence,
        uint256 cumulativePaid,
        uint256 lockedTotal,
        bytes32 locksRoot
    );
    event ChannelLockClaimed(bytes32 indexed channelId, bytes32 indexed lockHash, uint256 amount, bytes32 preimage);
    /// reason: 0 withdraw, 1 refund, 2 cooperative close.
    event ChannelPaidOut(bytes32 indexed channelId, uint256 toPayee, uint256 toPayer, uint8 reason);
    /// A payout the recipient could not receive (reverting receiver, blocked token account) is
    /// kept for it to `collect`, so that one party can never block the other's payout.
    event PaymentDeferred(address indexed to, address indexed token, uint256 amount);
    event Collected(address indexed to, address indexed token, uint256 amount);

    // ------------------------------------------------------------------ types
    /// A payer-signed channel state; field order and types are the EIP-712 `ChannelUpdate`.
    struct State {
        bytes32 channelId;
        uint64 sequence;
        bytes32 previousStateHash;
        uint256 cumulativePaid;
        uint256 lockedTotal;
        bytes32 locksRoot;
        bytes32 jobId;
    }

    /// A hash lock, a leaf of a locks root.
    struct Lock {
        bytes32 hash;
        uint256 amount;
        uint64 expiry;
        bytes32 jobId;
    }

    /// Storage of one channel: slots 0-2 are written by `open`, 3 by `close`, 4-5 only for locks.
    struct Channel {
        address payer; // slot 0
        uint40 expiry;
        uint40 disputeWindow;
        uint8 status; // in slot 0, read anyway: a refund or cooperative close writes no new slot
        bool hasFloor; // a lock was claimed against an earlier state: withdraw reads `floor`
        address payee; // slot 1
        uint96 deposit;
        address token; // slot 2
        uint64 nonce;
        uint96 cumulativePaid; // slot 3: all a close without locks writes
        uint64 sequence;
        uint40 closeDeadline;
        uint96 lockedTotal; // slot 4: only for states with locks
        uint96 claimed;
        uint64 claimEpoch; // sequence at which locksRoot last changed: claims are keyed by it
        bytes32 locksRoot; // slot 5
        uint96 floor; // slot 6: max over earlier states of cumulativePaid + locks claimed against them
    }

    /// The full view returned by `getChannel`.
    struct ChannelView {
        address payer;
        address payee;
        address token;
        uint256 deposit;
        uint64 expiry;
        uint64 disputeWindow;
        uint64 nonce;
        uint8 status;
        uint64 sequence;
        uint256 cumulativePaid;
        uint256 lockedTotal;
        bytes32 locksRoot;
        uint256 claimed;
        uint64 closeDeadline;
        uint256 floor;
    }

    uint8 internal constant OPEN = 0;
    uint8 internal constant CLOSING = 1;
    uint8 internal constant CLOSED = 2;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant NAME_HASH = keccak256("Bazaar Channels");
    bytes32 internal constant VERSION_HASH = keccak256("1");
    bytes32 internal constant UPDATE_TYPEHASH = keccak256(
        "ChannelUpdate(bytes32 channelId,uint64 sequence,bytes32 previousStateHash,uint256 cumulativePaid,uint256 lockedTotal,bytes32 locksRoot,bytes32 jobId)"
    );
    bytes32 internal constant COOPERATIVE_CLOSE_TYPEHASH =
        keccak256("CooperativeClose(bytes32 channelId,uint64 sequence,uint256 payeeAmount)");
    /// secp256k1 n / 2: signatures with a larger s are rejected (EIP-2).
    uint256 internal constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint256 internal constant NATIVE_GAS_STIPEND = 100_000;
    /// Bounds that keep every deadline (`expiry + window`, `close time + window`) inside the
    /// 40-bit times stored: a wrapped deadline would end a dispute window at once.
    uint256 internal constant MAX_DISPUTE_WINDOW = type(uint32).max;
    uint256 internal constant MAX_EXPIRY = type(uint40).max - 2 * uint256(type(uint32).max);

    mapping(bytes32 => Channel) internal channels;
    /// keccak256(channelId, claimEpoch, leaf) => claimed.
    mapping(bytes32 => bool) internal claimedLocks;
    /// keccak256(stateDigest) => amount claimed against that (earlier) state's locks.
    mapping(bytes32 => uint256) internal claimedAgainst;
    /// Deferred payouts: recipient => token => amount.
    mapping(address => mapping(address => uint256)) public deferred;

    // ------------------------------------------------------------------ views
    /// @notice The EIP-712 domain separator (name "Bazaar Channels", version "1", this chain, this contract).
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The EIP-712 digest of a `ChannelUpdate`, which is also the state hash.
    function hashUpdate(State calldata s) public view returns (bytes32) {
        return _typedDigest(keccak256(abi.encode(UPDATE_TYPEHASH, s)));
    }

    /// @notice The EIP-712 digest of a `CooperativeClose`.
    function hashCooperativeClose(bytes32 channelId, uint64 sequence, uint256 payeeAmount)
        public
        view
        returns (bytes32)
    {
        return _typedDigest(keccak256(abi.encode(COOPERATIVE_CLOSE_TYPEHASH, channelId, sequence, payeeAmount)));
    }

    /// @notice The id `open` gives a channel with these parameters when `payer` calls it.
    function channelIdOf(
        address payer,
        address payee,
        address token,
        uint64 expiry,
        uint64 disputeWindow,
        uint64 nonce
    ) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), payer, payee, token, expiry, disputeWindow, nonce));
    }

    /// @notice The leaf of a lock in a locks root.
    function lockLeaf(Lock calldata lock) public pure returns (bytes32) {
        return keccak256(abi.encode(lock.hash, lock.amount, lock.expiry, lock.jobId));
    }

    /// @notice Whether `lock` was claimed for the channel's current closing state.
    function isLockClaimed(bytes32 channelId, Lock calldata lock) external view returns (bool) {
        return claimedLocks[_claimKey(channelId, channels[channelId].claimEpoch, lockLeaf(lock))];
    }

    /// @notice A channel's state; `payer == address(0)` when there is no such channel.
    function getChannel(bytes32 channelId) external view returns (ChannelView memory v) {
        Channel storage c = channels[channelId];
        v.payer = c.payer;
        v.payee = c.payee;
        v.token = c.token;
        v.deposit = c.deposit;
        v.expiry = c.expiry;
        v.disputeWindow = c.disputeWindow;
        v.nonce = c.nonce;
        v.status = c.status;
        v.sequence = c.sequence;
        v.cumulativePaid = c.cumulativePaid;
        v.lockedTotal = c.lockedTotal;
        v.locksRoot = c.locksRoot;
        v.claimed = c.claimed;
        v.closeDeadline = c.closeDeadline;
        v.floor = c.floor;
    }

    // ------------------------------------------------------------------ funding
    /// @notice Opens a channel from `msg.sender` (the payer's settlement key) to `payee`, funded at
    /// once: `msg.value == deposit` for the native coin, otherwise an ERC-20 `transferFrom` (approve first).
    function open(address payee, address token, uint256 deposit, uint64 expiry, uint64 disputeWindow, uint64 nonce)
        external
        payable
        returns (bytes32 channelId)
    {
        if (payee == address(0) || payee == msg.sender) revert InvalidPayee();
        if (deposit == 0) revert ZeroAmount();
        if (deposit > type(uint96).max) revert AmountTooLarge(deposit);
        if (expiry <= block.timestamp || expiry > MAX_EXPIRY) revert InvalidExpiry(expiry);
        if (disputeWindow == 0 || disputeWindow > MAX_DISPUTE_WINDOW) revert InvalidDisputeWindow(disputeWindow);
        channelId = channelIdOf(msg.sender, payee, token, expiry, disputeWindow, nonce);
        Channel storage c = channels[channelId];
        if (c.payer != address(0)) revert ChannelExists(channelId);
        c.payer = msg.sender;
        c.expiry = uint40(expiry);
        c.disputeWindow = uint40(disputeWindow);
        c.payee = payee;
        c.deposit = uint96(deposit);
        if (token != address(0)) {
            c.token = token;
        }
        if (nonce != 0) {
            c.nonce = nonce;
        }
        emit ChannelOpened(channelId, msg.sender, payee, token, deposit, expiry, disputeWindow, nonce);
        _pull(token, deposit);
    }

    /// @notice Adds `amount` to an open, unexpired channel's deposit (payer only).
    function topUp(bytes32 channelId, uint256 amount) external payable {
        Channel storage c = _existing(channelId);
        if (msg.sender != c.payer) revert NotPayer(msg.sender);
        if (c.status != OPEN) revert ChannelNotOpen(channelId);
        if (block.timestamp >= c.expiry) revert ChannelExpired(c.expiry);
        if (amount == 0) revert ZeroAmount();
        uint256 deposit = uint256(c.deposit) + amount;
        if (deposit > type(uint96).max) revert AmountTooLarge(deposit);
        c.deposit = uint96(deposit);
        emit ChannelToppedUp(channelId, amount, deposit);
        _pull(c.token, amount);
    }

    // ------------------------------------------------------------------ closing
    /// @notice Unilateral close by the payer or the payee with a payer-signed state. Starts the
    /// dispute window. Refused once the channel is refundable (`now >= expiry + disputeWindow`).
    function close(State calldata s, bytes calldata signature) external {
        Channel storage c = _existing(s.channelId);
        if (msg.sender != c.payee && msg.sender != c.payer) revert NotParty(msg.sender);
        if (c.status != OPEN) revert ChannelNotOpen(s.channelId);
        uint256 window = c.disputeWindow;
        uint256 refundableAt = uint256(c.expiry) + window;
        if (block.timestamp >= refundableAt) revert ChannelExpired(uint64(refundableAt));
        if (s.sequence == 0) revert StaleState(0, 0);
        _checkAmounts(s, c.deposit);
        _checkSigner(hashUpdate(s), signature, c.payer);
        uint40 deadline = uint40(block.timestamp + window);
        c.status = CLOSING;
        c.cumulativePaid = uint96(s.cumulativePaid);
        c.sequence = s.sequence;
        c.closeDeadline = deadline;
        if (s.lockedTotal != 0 || s.locksRoot != bytes32(0)) {
            c.lockedTotal = uint96(s.lockedTotal);
            c.claimEpoch = s.sequence;
            c.locksRoot = s.locksRoot;
        }
        emit ChannelClosing(s.channelId, msg.sender, s.sequence, s.cumulativePaid, s.lockedTotal, s.locksRoot, deadline);
    }

    /// @notice Replaces the closing state with a strictly newer one inside the dispute window.
    /// What the payee is owed (cumulativePaid plus locks already claimed) never goes down: if the
    /// locks root changes, earlier claims are dropped and the new cumulativePaid must cover them.
    function challenge(State calldata s, bytes calldata signature) external {
        Channel storage c = _existing(s.channelId);
        if (msg.sender != c.payee && msg.sender != c.payer) revert NotParty(msg.sender);
        if (c.status != CLOSING) revert NotClosing(s.channelId);
        uint40 deadline = c.closeDeadline;
        if (block.timestamp >= deadline) revert WindowOver(deadline);
        uint64 stored = c.sequence;
        if (s.sequence <= stored) revert StaleState(stored, s.sequence);
        uint256 claimed = c.claimed;
        bytes32 root = c.locksRoot;
        bool keepClaims = s.locksRoot == root && claimed <= s.lockedTotal;
        uint256 floor = keepClaims ? uint256(c.cumulativePaid) : uint256(c.cumulativePaid) + claimed;
        if (s.cumulativePaid < floor) revert AmountLowered(floor, s.cumulativePaid);
        _checkAmounts(s, c.deposit);
        _checkSigner(hashUpdate(s), signature, c.payer);
        c.cumulativePaid = uint96(s.cumulativePaid);
        c.sequence = s.sequence;
        if (!keepClaims) {
            c.lockedTotal = uint96(s.lockedTotal);
            c.claimed = 0;
            c.claimEpoch = s.sequence;
            if (s.locksRoot != root) c.locksRoot = s.locksRoot;
        } else if (s.lockedTotal != c.lockedTotal) {
            c.lockedTotal = uint96(s.lockedTotal);
        }
        emit ChannelChallenged(s.channelId, msg.sender, s.sequence, s.cumulativePaid, s.lockedTotal, s.locksRoot);
    }

    /// @notice Claims a lock of the closing state with its preimage, inside the dispute window and
    /// before the lock's expiry. Anyone may submit it; the amount goes to the payee at withdraw.
    /// @param proof Sibling hashes from the leaf up (sorted-pair tree; a promoted odd node has none).
    function claimLock(bytes32 channelId, Lock calldata lock, bytes32 preimage, bytes32[] calldata proof) external {
        Channel storage c = _claimable(channelId, lock, preimage);
        bytes32 leaf = lockLeaf(lock);
        if (_rootOf(leaf, proof) != c.locksRoot) revert LockNotFound();
        bytes32 key = _claimKey(channelId, c.claimEpoch, leaf);
        if (claimedLocks[key]) revert LockClaimed(leaf);
        uint256 claimed = uint256(c.claimed) + lock.amount;
        if (claimed > c.lockedTotal) revert LocksAboveTotal(claimed, c.lockedTotal);
        claimedLocks[key] = true;
        c.claimed = uint96(claimed);
        emit ChannelLockClaimed(channelId, lock.hash, lock.amount, preimage);
    }

    /// @notice Claims a lock of any payer-signed state of the channel, not only the closing one,
    /// under the same conditions as `claimLock`. This defeats a payer who, after learning a
    /// preimage, signs a newer state without the lock and closes with it: the payee is paid the
    /// larger of (closing cumulativePaid + its claims) and (this state's cumulativePaid + the locks
    /// claimed against this state), never the sum, so a lock later folded into cumulativePaid is
    /// not paid twice.
    function claimLockFrom(
        State calldata s,
        bytes calldata signature,
        Lock calldata lock,
        bytes32 preimage,
        bytes32[] calldata proof
    ) external {
        Channel storage c = _claimable(s.channelId, lock, preimage);
        _checkAmounts(s, c.deposit);
        bytes32 digest = hashUpdate(s);
        _checkSigner(digest, signature, c.payer);
        bytes32 leaf = lockLeaf(lock);
        if (_rootOf(leaf, proof) != s.locksRoot) revert LockNotFound();
        bytes32 key = keccak256(abi.encode(digest, leaf));
        if (claimedLocks[key]) revert LockClaimed(leaf);
        uint256 claimed = claimedAgainst[digest] + lock.amount;
        if (claimed > s.lockedTotal) revert LocksAboveTotal(claimed, s.lockedTotal);
        claimedLocks[key] = true;
        claimedAgainst[digest] = claimed;
        // cumulativePaid + lockedTotal <= deposit (checked above), so this fits 96 bits.
        uint256 value = s.cumulativePaid + claimed;
        if (value > c.floor) {
            c.floor = uint96(value);
            c.hasFloor = true;
        }
        emit ChannelLockClaimed(s.channelId, lock.hash, lock.amount, preimage);
    }

    /// @notice After the dispute window: the payee gets cumulativePaid + claimed (or the floor
    /// set by `claimLockFrom`, if larger), the payer the rest. Once. Anyone may trigger it.
    function withdraw(bytes32 channelId) external {
        Channel storage c = _existing(channelId);
        uint8 status = c.status;
        if (status == CLOSED) revert AlreadyPaidOut(channelId);
        if (status != CLOSING) revert NotClosing(channelId);
        uint40 deadline = c.closeDeadline;
        if (block.timestamp < deadline) revert WindowOpen(deadline);
        c.status = CLOSED;
        uint256 toPayee = uint256(c.cumulativePaid) + c.claimed;
        if (c.hasFloor && c.floor > toPayee) toPayee = c.floor;
        uint256 toPayer = uint256(c.deposit) - toPayee;
        emit ChannelPaidOut(channelId, toPayee, toPayer, 0);
        _payout(c, toPayee, toPayer);
    }

    /// @notice When `now >= expiry + disputeWindow` and nobody closed: the whole deposit back to
    /// the payer. Anyone may trigger it; nobody can block it.
    function refund(bytes32 channelId) external {
        Channel storage c = _existing(channelId);
        uint8 status = c.status;
        if (status == CLOSED) revert AlreadyPaidOut(channelId);
        if (status != OPEN) revert ChannelNotOpen(channelId);
        uint256 refundableAt = uint256(c.expiry) + c.disputeWindow;
        if (block.timestamp < refundableAt) revert NotExpired(uint64(refundableAt));
        c.status = CLOSED;
        uint256 deposit = c.deposit;
        emit ChannelPaidOut(channelId, 0, deposit, 1);
        _send(c.token, c.payer, deposit);
    }

    /// @notice Pays out at once the split both settlement keys signed (`CooperativeClose`), while
    /// the channel is open or closing. Anyone may submit it.
    function cooperativeClose(
        bytes32 channelId,
        uint64 sequence,
        uint256 payeeAmount,
        bytes calldata payerSignature,
        bytes calldata payeeSignature
    ) external {
        Channel storage c = _existing(channelId);
        if (c.status == CLOSED) revert AlreadyPaidOut(channelId);
        uint256 deposit = c.deposit;
        if (payeeAmount > deposit) revert AmountAboveDeposit(payeeAmount, 0, deposit);
        bytes32 digest = hashCooperativeClose(channelId, sequence, payeeAmount);
        _checkSigner(digest, payerSignature, c.payer);
        _checkSigner(digest, payeeSignature, c.payee);
        c.status = CLOSED;
        emit ChannelPaidOut(channelId, payeeAmount, deposit - payeeAmount, 2);
        _payout(c, payeeAmount, deposit - payeeAmount);
    }

    /// @notice Takes a deferred payout (one that could not be pushed to `msg.sender`).
    function collect(address token) external {
        uint256 amount = deferred[msg.sender][token];
        if (amount == 0) revert NothingToCollect();
        deferred[msg.sender][token] = 0;
        emit Collected(msg.sender, token, amount);
        if (token == address(0)) {
            (bool ok,) = msg.sender.call{value: amount}("");
            if (!ok) revert TokenTransferFailed(token);
        } else if (!_erc20Call(token, abi.encodeWithSelector(0xa9059cbb, msg.sender, amount))) {
            revert TokenTransferFailed(token);
        }
    }

    // ------------------------------------------------------------------ internals
    function _typedDigest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    function _existing(bytes32 channelId) internal view returns (Channel storage c) {
        c = channels[channelId];
        if (c.payer == address(0)) revert ChannelNotFound(channelId);
    }

    /// Checks shared by both claims: closing, inside the window, lock unexpired, right preimage.
    function _claimable(bytes32 channelId, Lock calldata lock, bytes32 preimage)
        internal
        view
        returns (Channel storage c)
    {
        c = _existing(channelId);
        if (c.status != CLOSING) revert NotClosing(channelId);
        uint40 deadline = c.closeDeadline;
        if (block.timestamp >= deadline) revert WindowOver(deadline);
        if (block.timestamp >= lock.expiry) revert LockExpired(lock.expiry);
        if (keccak256(abi.encode(preimage)) != lock.hash) revert WrongPreimage();
    }

    /// The root a sorted-pair Merkle proof leads to from `leaf`.
    function _rootOf(bytes32 leaf, bytes32[] calldata proof) internal pure returns (bytes32 node) {
        node = leaf;
        for (uint256 i; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            node = node < sibling ? keccak256(abi.encodePacked(node, sibling)) : keccak256(abi.encodePacked(sibling, node));
        }
    }

    function _claimKey(bytes32 channelId, uint64 epoch, bytes32 leaf) internal pure returns (bytes32) {
        return keccak256(abi.encode(channelId, epoch, leaf));
    }

    function _checkAmounts(State calldata s, uint256 deposit) internal pure {
        // Written so that no sum can overflow.
        if (s.cumulativePaid > deposit || s.lockedTotal > deposit - s.cumulativePaid) {
            revert AmountAboveDeposit(s.cumulativePaid, s.lockedTotal, deposit);
        }
    }

    /// 65-byte r || s || v, v in {27, 28}, low s, recovering `expected`.
    function _checkSigner(bytes32 digest, bytes calldata signature, address expected) internal pure {
        if (signature.length != 65) revert InvalidSignature();
        bytes32 r;
        bytes32 sv;
        uint8 v;
        assembly ("memory-safe") {
            r := calldataload(signature.offset)
            sv := calldataload(add(signature.offset, 32))
            v := byte(0, calldataload(add(signature.offset, 64)))
        }
        if (uint256(sv) > HALF_N || (v != 27 && v != 28)) revert InvalidSignature();
        address signer = ecrecover(digest, v, r, sv);
        if (signer == address(0) || signer != expected) revert InvalidSignature();
    }

    function _pull(address token, uint256 amount) internal {
        if (token == address(0)) {
            if (msg.value != amount) revert WrongValue(amount, msg.value);
        } else {
            if (msg.value != 0) revert WrongValue(0, msg.value);
            if (!_erc20Call(token, abi.encodeWithSelector(0x23b872dd, msg.sender, address(this), amount))) {
                revert TokenTransferFailed(token);
            }
        }
    }

    function _payout(Channel storage c, uint256 toPayee, uint256 toPayer) internal {
        address token = c.token;
        if (toPayee != 0) _send(token, c.payee, toPayee);
        if (toPayer != 0) _send(token, c.payer, toPayer);
    }

    /// Pushes a payout; if the recipient cannot take it, keeps it for `collect` instead of reverting.
    function _send(address token, address to, uint256 amount) internal {
        bool ok;
        if (token == address(0)) {
            (ok,) = to.call{value: amount, gas: NATIVE_GAS_STIPEND}("");
        } else {
            ok = _erc20Call(token, abi.encodeWithSelector(0xa9059cbb, to, amount));
        }
        if (!ok) {
            deferred[to][token] += amount;
            emit PaymentDeferred(to, token, amount);
        }
    }

    /// Calls an ERC-20 method; true when it did not revert and returned true (or nothing, from a
    /// contract that has code).
    function _erc20Call(address token, bytes memory data) internal returns (bool ok) {
        bytes memory ret;
        (ok, ret) = token.call(data);
        if (!ok) return false;
        if (ret.length == 0) return token.code.length != 0;
        return ret.length >= 32 && abi.decode(ret, (uint256)) == 1;
    }
}
